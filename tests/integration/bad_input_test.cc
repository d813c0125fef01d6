// Bad input of every kind (bad_inputs.tsv) against a live server: each answer is a 4xx
// problem+json naming the field, and the database is unchanged afterwards.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/testing/table.h"
#include "demo_server.h"
#include "http_client.h"

namespace gongshu::testing {
namespace {

struct BadInput {
  int line = 0;
  std::string name, method, target, content_type, body, auth, field;
  int status = 0;
};

// Expands {repeat:TEXT:N} into TEXT repeated N times (ReadTable has already decoded \xNN).
std::string Expand(const std::string& text) {
  std::string out;
  for (size_t index = 0; index < text.size(); ++index) {
    if (text.compare(index, 8, "{repeat:") == 0) {
      size_t colon = text.find(':', index + 8);
      size_t close = text.find('}', colon);
      std::string piece = text.substr(index + 8, colon - index - 8);
      int count = std::stoi(text.substr(colon + 1, close - colon - 1));
      for (int copy = 0; copy < count; ++copy) out += piece;
      index = close;
    } else {
      out.push_back(text[index]);
    }
  }
  return out;
}

std::vector<BadInput> ReadBadInputs() {
  std::vector<BadInput> rows;
  for (const TableRow& table_row : ReadTable(GONGSHU_INTEGRATION_DIR "/bad_inputs.tsv")) {
    const std::vector<std::string>& cells = table_row.cells;
    BadInput row;
    row.line = table_row.line;
    row.name = cells.at(0);
    row.method = cells.at(1);
    row.target = cells.at(2);
    row.content_type = cells.at(3);
    row.body = cells.at(4) == "-" ? "" : cells.at(4);
    row.auth = cells.at(5);
    row.status = std::stoi(cells.at(6));
    row.field = cells.at(7);
    rows.push_back(row);
  }
  return rows;
}

// Everything a bad request could have changed, read straight from the database file: per table,
// its row count and a digest of what identifies each row's state ("resources=372:#9f3c...|"), so
// a failure names the table that changed.
std::string DatabaseFingerprint(const std::string& data_dir) {
  sqlite3* db = nullptr;
  std::string path = data_dir + "/gongshu.db";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open";
  }
  static constexpr std::pair<const char*, const char*> kTables[] = {
      {"organizations",
       "SELECT COUNT(*) || ':' || IFNULL(GROUP_CONCAT(id || '@' || revision || name), '') "
       "FROM organizations"},
      {"users", "SELECT COUNT(*) || ':' || IFNULL(GROUP_CONCAT(username), '') FROM users"},
      {"memberships", "SELECT COUNT(*) FROM memberships"},
      {"api_tokens", "SELECT COUNT(*) || ':' || COUNT(revoked_at) FROM api_tokens"},
      {"sessions", "SELECT COUNT(*) FROM sessions"},
      {"events", "SELECT COUNT(*) FROM events"},
      {"resources",
       "SELECT COUNT(*) || ':' || IFNULL(GROUP_CONCAT(id || '@' || version || status), '') "
       "FROM resources"},
      {"resource_versions", "SELECT COUNT(*) FROM resource_versions"},
      {"resource_facets", "SELECT COUNT(*) FROM resource_facets"},
      // The search index's own table needs the server's tokenizer; its shadow tables do not.
      {"resource_search",
       "SELECT (SELECT COUNT(*) FROM resource_search_docsize) || ':' || "
       "(SELECT COUNT(*) FROM resource_search_data)"},
      {"provider_serials",
       "SELECT COUNT(*) || ':' || IFNULL(GROUP_CONCAT(provider_id || '@' || last_serial), '') "
       "FROM provider_serials"},
      {"registrations",
       "SELECT COUNT(*) || ':' || IFNULL(GROUP_CONCAT(id || '@' || revision || state), '') "
       "FROM registrations"},
      {"objections",
       "SELECT COUNT(*) || ':' || IFNULL(GROUP_CONCAT(id || '@' || revision), '') "
       "FROM objections"},
      {"registration_serials",
       "SELECT COUNT(*) || ':' || "
       "IFNULL(GROUP_CONCAT(division_code || '/' || year || '@' || last_serial), '') "
       "FROM registration_serials"},
  };
  std::string fingerprint;
  for (const auto& [table, sql] : kTables) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    std::string value = "(unreadable)";
    if (sqlite3_step(statement) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    if (value.size() > 64) {
      char digest[32];
      std::snprintf(digest, sizeof(digest), "#%016zx", std::hash<std::string>()(value));
      value = value.substr(0, value.find(':') + 1) + digest;
    }
    fingerprint += std::string(table) + "=" + value + "|";
  }
  sqlite3_close(db);
  return fingerprint;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(BadInputTest, EachIsAClearProblemAndChangesNothing) {
  std::string error;
  std::string clock_offset_file = MakeTempDir("gongshu-bad-input-clock") + "/offset";
  std::unique_ptr<DemoServer> demo =
      StartDemoServer({{"GONGSHU_RATE_LIMIT_PER_ADDRESS", "0"},
                       {"GONGSHU_RATE_LIMIT_PER_TOKEN", "0"},
                       {"GONGSHU_TESTING_CLOCK_OFFSET_FILE", clock_offset_file}},
                      &error);
  ASSERT_NE(demo, nullptr) << error;
  // The catalog objects the rows point at; the fingerprint of each row is taken after this.
  ASSERT_TRUE(CreateCatalogFixtures(
      demo.get(),
      ReadFile(std::string(GONGSHU_SOURCE_DIR) + "/src/catalog/testdata/base_resource.json"),
      clock_offset_file, &error))
      << error;
  std::vector<BadInput> rows = ReadBadInputs();
  ASSERT_GT(rows.size(), 40u);
  for (const BadInput& row : rows) {
    std::string before = DatabaseFingerprint(demo->data_dir);
    std::map<std::string, std::string> values = demo->organization_ids;
    values.insert(demo->fixture_ids.begin(), demo->fixture_ids.end());
    Headers headers;
    if (row.auth == "admin")
      headers.emplace_back("Authorization", "Bearer " + demo->tokens["platform_admin"]);
    if (row.auth == "provider")
      headers.emplace_back("Authorization", "Bearer " + demo->tokens["provider"]);
    if (row.auth == "garbage") headers.emplace_back("Authorization", "Bearer not-a-token");
    if (row.auth == "basic") headers.emplace_back("Authorization", "Basic YWRtaW46YWRtaW4=");
    if (row.content_type != "-") headers.emplace_back("Content-Type", row.content_type);
    std::string target = Expand(row.target);
    std::string body = Expand(row.body);
    for (const auto& [name, value] : values) {
      for (std::string* text : {&target, &body}) {
        for (size_t at = text->find("{" + name + "}"); at != std::string::npos;
             at = text->find("{" + name + "}")) {
          text->replace(at, name.size() + 2, value);
        }
      }
    }
    HttpResult result = Send(demo->server.port(), row.method, target, headers, body);
    SCOPED_TRACE("line " + std::to_string(row.line) + " " + row.name);
    EXPECT_EQ(result.status, row.status) << result.body.substr(0, 500);
    EXPECT_EQ(result.Header("content-type"), "application/problem+json");
    nlohmann::json problem = nlohmann::json::parse(result.body, nullptr, false);
    ASSERT_TRUE(problem.is_object()) << result.body.substr(0, 200);
    EXPECT_EQ(problem.value("status", 0), row.status);
    EXPECT_FALSE(problem.value("detail", std::string()).empty());
    EXPECT_TRUE(problem.contains("type") && problem.contains("title"));
    if (row.field != "-") {
      bool named = false;
      for (const auto& entry : problem.value("errors", nlohmann::json::array())) {
        named = named || entry.value("field", std::string()) == row.field;
      }
      EXPECT_TRUE(named) << "no error names " << row.field << ": " << result.body;
    }
    EXPECT_EQ(DatabaseFingerprint(demo->data_dir), before) << "the database changed";
  }
  // The server is still healthy after all of it.
  EXPECT_EQ(Send(demo->server.port(), "GET", "/healthz").status, 200);
  EXPECT_EQ(demo->server.Stop(), 0);
}

TEST(BadInputTest, MalformedHttpAndOversizedHeadersAreProblems) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  HttpResult garbage = SendRaw(port, "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(garbage.Header("content-type"), "application/problem+json");
  std::string huge_header =
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
  HttpResult too_large = SendRaw(port, huge_header);
  EXPECT_EQ(too_large.status, 431);
  EXPECT_EQ(too_large.Header("content-type"), "application/problem+json");
  HttpResult bad_length =
      SendRaw(port, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
  EXPECT_EQ(bad_length.status, 400);
  EXPECT_EQ(Send(port, "GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace gongshu::testing
