// Tests of http/problem.h: how each kind of Status becomes an RFC 9457 problem+json response.
#include "http/problem.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// The Status the table's first column names, with the message the table's header describes.
Status StatusNamed(const std::string& name) {
  std::string message = "message for " + name;
  if (name == "invalid_argument") return Status::InvalidArgument(message);
  if (name == "unauthenticated") return Status::Unauthenticated(message);
  if (name == "permission_denied") return Status::PermissionDenied(message);
  if (name == "not_found") return Status::NotFound(message);
  if (name == "method_not_allowed") return Status::MethodNotAllowed("GET, POST");
  if (name == "conflict") return Status::Conflict(message);
  if (name == "payload_too_large") return Status::PayloadTooLarge(message);
  if (name == "unsupported_media_type") return Status::UnsupportedMediaType(message);
  if (name == "failed_precondition") return Status::FailedPrecondition(message);
  if (name == "resource_exhausted") return Status::ResourceExhausted(message, 30);
  if (name == "unavailable") return Status::Unavailable(message);
  if (name == "internal") return Status::Internal(message);
  ADD_FAILURE() << "unknown status code name " << name;
  return Status::Internal(message);
}

TEST(ProblemTest, FollowsStatusTable) {
  std::map<std::string, std::string> type_of_code;
  for (const TableRow& row : ReadTable(GONGSHU_TESTDATA_DIR "/problem_status.tsv")) {
    const std::vector<std::string>& cells = row.cells;
    ASSERT_EQ(cells.size(), 5u) << "problem_status.tsv line " << row.line;
    const std::string& name = cells[0];
    int http_status = std::stoi(cells[1]);
    SCOPED_TRACE("problem_status.tsv line " + std::to_string(row.line) + ": " + name);

    Status status = StatusNamed(name);
    EXPECT_EQ(HttpStatusOf(status.code()), http_status);
    Response response = ProblemResponse(status, "/api/v1/organizations/org_1");
    EXPECT_EQ(response.status, http_status);
    EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
    if (cells[3] != "-") {
      std::string_view value = response.Header(cells[3]);
      if (cells[4] == "*") {
        EXPECT_FALSE(value.empty()) << cells[3];
      } else {
        EXPECT_EQ(value, cells[4]) << cells[3];
      }
    }

    nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << response.body;
    EXPECT_EQ(body.value("status", 0), http_status);
    EXPECT_FALSE(body.value("title", "").empty());
    std::string type = body.value("type", "");
    EXPECT_EQ(type.rfind("https://gongshu.dev/problems/", 0), 0u) << type;
    if (cells[2] != "-") EXPECT_EQ(type, cells[2]);
    type_of_code[name] = type;
    EXPECT_EQ(body.value("instance", ""), "/api/v1/organizations/org_1");

    std::string detail = body.value("detail", "");
    if (name == "internal") {
      // The cause of an internal error stays in the log.
      EXPECT_EQ(detail.find(status.message()), std::string::npos) << detail;
      EXPECT_FALSE(detail.empty());
    } else {
      EXPECT_NE(detail.find(status.message()), std::string::npos) << detail;
    }
  }
  EXPECT_EQ(type_of_code.size(), 12u);
  // Each kind of problem has its own type.
  std::set<std::string> distinct_types;
  for (const auto& [name, type] : type_of_code) distinct_types.insert(type);
  EXPECT_EQ(distinct_types.size(), type_of_code.size());
}

TEST(ProblemTest, FieldErrorsAreListedInOrder) {
  Status status = Status::InvalidArgument("the user is not valid",
                                          {{"username", "must be 3 to 64 characters"},
                                           {"memberships[1].role", "must be one of admin"}});
  Response response = ProblemResponse(status);
  ASSERT_EQ(response.status, 400);
  nlohmann::json body = nlohmann::json::parse(response.body);
  ASSERT_TRUE(body.contains("errors"));
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0]["field"], "username");
  EXPECT_EQ(body["errors"][0]["reason"], "must be 3 to 64 characters");
  EXPECT_EQ(body["errors"][1]["field"], "memberships[1].role");
  EXPECT_EQ(body["errors"][1]["reason"], "must be one of admin");
  EXPECT_EQ(body["detail"], "the user is not valid");
}

TEST(ProblemTest, InvalidFieldCarriesItsField) {
  Response response = ProblemResponse(Status::InvalidField("path", "must not contain '..'"));
  nlohmann::json body = nlohmann::json::parse(response.body);
  ASSERT_EQ(body["errors"].size(), 1u);
  EXPECT_EQ(body["errors"][0]["field"], "path");
  EXPECT_EQ(body["errors"][0]["reason"], "must not contain '..'");
}

TEST(ProblemTest, BodyIsValidJsonWhateverTheMessage) {
  std::string message = "quote \" backslash \\ newline \n invalid \xff utf-8";
  Response response = ProblemResponse(Status::Conflict(message));
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << response.body;
  EXPECT_NE(body.value("detail", "").find("quote \" backslash \\ newline \n"), std::string::npos);
}

}  // namespace
}  // namespace gongshu
