#include "dataset/data_application.h"

#include <gtest/gtest.h>

#include <fstream>

namespace gongshu {
namespace {

Resource ConditionalResource() {
  Resource resource;
  resource.id = "res_1";
  resource.name = "网约车服务评价";
  resource.provider_id = "org_1";
  resource.opening = AccessAttribute::kConditional;
  for (const char* name : {"name", "district", "rating"}) {
    Item item;
    item.name = name;
    resource.items.push_back(item);
  }
  return resource;
}

TEST(DataApplicationTest, ReadsBodiesAsTheTableSays) {
  std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/applications.tsv");
  ASSERT_TRUE(file);
  std::string line;
  int rows = 0;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    nlohmann::json body = nlohmann::json::parse(line.substr(0, tab));
    std::string expected = line.substr(tab + 1);
    Result<DataApplication> read = ReadApplication(body, ConditionalResource(), "2026-03-01");
    ++rows;
    if (expected == "ok") {
      ASSERT_TRUE(read.ok()) << line << ": " << read.status().message();
      EXPECT_EQ(read->resource_id, "res_1");
      EXPECT_EQ(read->provider_id, "org_1");
      continue;
    }
    ASSERT_FALSE(read.ok()) << line;
    std::vector<FieldError> errors = read.status().field_errors();
    ASSERT_FALSE(errors.empty()) << line;
    EXPECT_EQ(errors[0].field, expected) << line;
  }
  EXPECT_GE(rows, 20);
}

TEST(DataApplicationTest, OnlyConditionallyOpenedDataIsAppliedFor) {
  nlohmann::json body = {{"purpose", "研究"},
                         {"fields", {"name"}},
                         {"period", {{"start", "2026-03-01"}, {"end", "2026-04-01"}}}};
  Resource resource = ConditionalResource();
  for (AccessAttribute opening : {AccessAttribute::kUnconditional, AccessAttribute::kNone}) {
    resource.opening = opening;
    Result<DataApplication> read = ReadApplication(body, resource, "2026-03-01");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().code(), StatusCode::kFailedPrecondition);
  }
}

TEST(DataApplicationTest, ADecisionIsTakenOnceAndARejectionGivesItsReason) {
  DataApplication application;
  TimePoint now = std::chrono::system_clock::now();
  EXPECT_EQ(DecideApplication(application, false, "", "usr_p", now).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(application.state, ApplicationState::kSubmitted);
  ASSERT_TRUE(DecideApplication(application, false, "用途不明确", "usr_p", now).ok());
  EXPECT_EQ(application.state, ApplicationState::kRejected);
  EXPECT_EQ(application.decision_reason, "用途不明确");
  EXPECT_EQ(DecideApplication(application, true, "", "usr_p", now).code(),
            StatusCode::kFailedPrecondition);
}

TEST(DataApplicationTest, AnApprovalGrantsAccessOnlyWithinItsPeriod) {
  DataApplication application;
  application.period_start = "2026-03-01";
  application.period_end = "2026-03-31";
  EXPECT_FALSE(GrantsAccess(application, "2026-03-10"));  // not yet approved
  ASSERT_TRUE(DecideApplication(application, true, "", "usr_p", {}).ok());
  EXPECT_FALSE(GrantsAccess(application, "2026-02-28"));
  EXPECT_TRUE(GrantsAccess(application, "2026-03-01"));
  EXPECT_TRUE(GrantsAccess(application, "2026-03-31"));
  EXPECT_FALSE(GrantsAccess(application, "2026-04-01"));
}

TEST(DataApplicationTest, TheStoredDocumentReadsBack) {
  Result<DataApplication> read =
      ReadApplication({{"purpose", "研究"},
                       {"fields", {"name", "rating"}},
                       {"period", {{"start", "2026-03-01"}, {"end", "2026-04-01"}}}},
                      ConditionalResource(), "2026-03-01");
  ASSERT_TRUE(read.ok());
  read->id = "app_1";
  read->applicant_user_id = "usr_a";
  ASSERT_TRUE(DecideApplication(*read, true, "同意", "usr_p", {}).ok());
  Result<DataApplication> back = ApplicationFromJson(ApplicationToJson(*read, {}));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->fields, read->fields);
  EXPECT_EQ(back->period_end, "2026-04-01");
  EXPECT_EQ(back->state, ApplicationState::kApproved);
  EXPECT_EQ(back->decision_reason, "同意");
}

}  // namespace
}  // namespace gongshu
