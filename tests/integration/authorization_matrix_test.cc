// The authorization matrix: every route × every role against a live server
// (authorization_matrix.tsv), and the matrix covers every operation of the OpenAPI document.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/testing/table.h"
#include "demo_server.h"
#include "http_client.h"

namespace gongshu::testing {
namespace {

struct MatrixRow {
  int line = 0;
  std::string method;
  std::string route;
  std::string target;
  std::string body;
  std::vector<int> expected;  // per role, in DemoServer::Roles() order
};

std::vector<MatrixRow> ReadMatrix() {
  std::vector<MatrixRow> rows;
  for (const TableRow& table_row : ReadTable(GONGSHU_INTEGRATION_DIR "/authorization_matrix.tsv")) {
    const std::vector<std::string>& cells = table_row.cells;
    MatrixRow row;
    row.line = table_row.line;
    row.method = cells.at(0);
    row.route = cells.at(1);
    row.target = cells.at(2);
    row.body = cells.at(3) == "-" ? "" : cells.at(3);
    for (size_t index = 4; index < cells.size(); ++index)
      row.expected.push_back(std::stoi(cells[index]));
    rows.push_back(row);
  }
  return rows;
}

std::string Substitute(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    std::string placeholder = "{" + name + "}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class AuthorizationMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    std::string clock_offset_file = MakeTempDir("gongshu-matrix-clock") + "/offset";
    demo_ = StartDemoServer({{"GONGSHU_RATE_LIMIT_PER_ADDRESS", "0"},
                             {"GONGSHU_RATE_LIMIT_PER_TOKEN", "0"},
                             {"GONGSHU_TESTING_CLOCK_OFFSET_FILE", clock_offset_file}},
                            &error)
                .release();
    if (demo_ == nullptr) {
      setup_error_ = error;
      return;
    }
    // The catalog objects the rows point at ({draft_resource}, {submitted_registration}, ...).
    std::string base_resource =
        ReadFile(std::string(GONGSHU_SOURCE_DIR) + "/src/catalog/testdata/base_resource.json");
    if (!CreateCatalogFixtures(demo_, base_resource, clock_offset_file, &error)) {
      setup_error_ = error;
    }
  }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }
  static DemoServer* demo_;
  static std::string setup_error_;
};

DemoServer* AuthorizationMatrixTest::demo_ = nullptr;
std::string AuthorizationMatrixTest::setup_error_;

TEST_F(AuthorizationMatrixTest, EveryRouteAnswersEveryRoleAsTheMatrixSays) {
  ASSERT_NE(demo_, nullptr) << setup_error_;
  ASSERT_EQ(setup_error_, "");
  std::vector<MatrixRow> rows = ReadMatrix();
  ASSERT_GT(rows.size(), 10u);
  const auto& roles = DemoServer::Roles();
  int unique = 0;
  for (const MatrixRow& row : rows) {
    ASSERT_EQ(row.expected.size(), roles.size()) << "line " << row.line;
    for (size_t role_idx = 0; role_idx < roles.size(); ++role_idx) {
      const std::string& role = roles[role_idx].first;
      std::map<std::string, std::string> values = demo_->organization_ids;
      values.insert(demo_->fixture_ids.begin(), demo_->fixture_ids.end());
      values["unique"] = std::to_string(++unique);
      values["admin_spare_token"] = demo_->admin_extra_token_id;
      values["admin_user"] = demo_->admin_user_id;
      values["own_spare_token"] =
          role == "anonymous" ? demo_->spare_token_ids["consumer"] : demo_->spare_token_ids[role];
      Headers headers;
      if (role != "anonymous")
        headers.emplace_back("Authorization", "Bearer " + demo_->tokens[role]);
      if (!row.body.empty()) headers.emplace_back("Content-Type", "application/json");
      HttpResult result = Send(demo_->server.port(), row.method, Substitute(row.target, values),
                               headers, Substitute(row.body, values));
      EXPECT_EQ(result.status, row.expected[role_idx])
          << "line " << row.line << ": " << row.method << " " << row.target << " as " << role
          << "\n"
          << result.body;
      if (result.status == 401 || result.status == 403) {
        EXPECT_EQ(result.Header("content-type"), "application/problem+json");
      }
    }
  }
}

TEST_F(AuthorizationMatrixTest, CoversEveryOperationOfTheOpenApiDocument) {
  std::ifstream file(std::string(GONGSHU_SOURCE_DIR) + "/src/api/openapi.json");
  nlohmann::json document = nlohmann::json::parse(file);
  std::set<std::string> documented;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (char& symbol : upper) symbol = static_cast<char>(std::toupper(symbol));
      documented.insert(upper + " " + path);
    }
  }
  std::set<std::string> covered;
  for (const MatrixRow& row : ReadMatrix()) covered.insert(row.method + " " + row.route);
  for (const std::string& operation : documented) {
    EXPECT_TRUE(covered.count(operation)) << operation << " is missing from the matrix";
  }
  for (const std::string& operation : covered) {
    EXPECT_TRUE(documented.count(operation)) << operation << " is not in the OpenAPI document";
  }
}

}  // namespace
}  // namespace gongshu::testing
