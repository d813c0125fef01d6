// Tests of privacy/deidentification_policy.h: reading policies (testdata/policy.tsv), their JSON
// form, and the policy suggested from detected personal-data kinds.
#include "privacy/deidentification_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/testing/table.h"

namespace gongshu::privacy {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

FieldRule RuleOf(std::string field, DeidentificationMethod method) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.method = method;
  return rule;
}

const std::vector<std::string> kColumns = {"id_number",  "name",      "phone",   "email",
                                           "birth_date", "age",       "address", "internal_id",
                                           "gender",     "diagnosis", "income",  "note"};

TEST(DeidentificationPolicyTest, ReadsAsTheTableSays) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/policy.tsv");
  ASSERT_GE(rows.size(), 40u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "policy.tsv line " << row.line;
    nlohmann::json document = nlohmann::json::parse(row.cells[0], nullptr, false);
    ASSERT_FALSE(document.is_discarded()) << "policy.tsv line " << row.line << ": bad JSON";
    Result<DeidentificationPolicy> policy = ParseDeidentificationPolicy(document, kColumns);
    if (row.cells[1] == "ok") {
      EXPECT_TRUE(policy.ok()) << "policy.tsv line " << row.line << ": "
                               << policy.status().message();
      continue;
    }
    ASSERT_FALSE(policy.ok()) << "policy.tsv line " << row.line << " was accepted";
    Status status = policy.status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << "line " << row.line;
    EXPECT_EQ(status.field_errors().size(), std::stoul(row.cells[1]))
        << "policy.tsv line " << row.line << ": " << status.message();
    if (row.cells[2] == "-") {
      EXPECT_NE(status.message().find(row.cells[3]), std::string::npos)
          << "policy.tsv line " << row.line << ": message \"" << status.message() << "\"";
      continue;
    }
    bool found = false;
    std::string listed;
    for (const FieldError& error : status.field_errors()) {
      listed += "\n  " + error.field + ": " + error.reason;
      if (error.field == row.cells[2] && error.reason.find(row.cells[3]) != std::string::npos) {
        found = true;
      }
    }
    EXPECT_TRUE(found) << "policy.tsv line " << row.line << ": no error " << row.cells[2]
                       << " containing \"" << row.cells[3] << "\"; errors:" << listed;
  }
}

TEST(DeidentificationPolicyTest, ReadsEveryMemberOfTheExample) {
  nlohmann::json document = nlohmann::json::parse(R"({
      "fields": [
        {"field": "id_number", "method": "mask", "keep_first": 6, "keep_last": 4},
        {"field": "email", "method": "mask", "keep_first": 1, "mask_character": "●",
         "part": "email_local"},
        {"field": "phone", "method": "pseudonymize"},
        {"field": "age", "method": "generalize", "to": "band", "width": 10},
        {"field": "address", "method": "generalize", "to": "district"},
        {"field": "internal_id", "method": "drop"}],
      "quasi_identifiers": ["gender", "age", "address"],
      "sensitive_attributes": ["diagnosis"], "k": 5, "l": 2})");
  Result<DeidentificationPolicy> policy = ParseDeidentificationPolicy(document, kColumns);
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  ASSERT_EQ(policy->fields.size(), 6u);
  EXPECT_EQ(policy->fields[0].method, DeidentificationMethod::kMask);
  EXPECT_EQ(policy->fields[0].mask.keep_first, 6);
  EXPECT_EQ(policy->fields[0].mask.keep_last, 4);
  EXPECT_EQ(policy->fields[0].mask.mask_character, "*");
  EXPECT_EQ(policy->fields[0].mask.part, MaskPart::kAll);
  EXPECT_EQ(policy->fields[1].mask.keep_last, 0);
  EXPECT_EQ(policy->fields[1].mask.mask_character, "●");
  EXPECT_EQ(policy->fields[1].mask.part, MaskPart::kEmailLocal);
  EXPECT_EQ(policy->fields[2].method, DeidentificationMethod::kPseudonymize);
  EXPECT_EQ(policy->fields[3].to, Generalization::kBand);
  EXPECT_EQ(policy->fields[3].width, 10);
  EXPECT_EQ(policy->fields[4].to, Generalization::kDistrict);
  EXPECT_EQ(policy->fields[5].method, DeidentificationMethod::kDrop);
  EXPECT_EQ(policy->quasi_identifiers, (std::vector<std::string>{"gender", "age", "address"}));
  EXPECT_EQ(policy->sensitive_attributes, (std::vector<std::string>{"diagnosis"}));
  EXPECT_EQ(policy->k, 5);
  EXPECT_EQ(policy->l, 2);
  EXPECT_EQ(policy->RuleFor("phone"), &policy->fields[2]);
  EXPECT_EQ(policy->RuleFor("gender"), nullptr);

  // The JSON form reads back to the same policy.
  nlohmann::json written = DeidentificationPolicyToJson(*policy);
  Result<DeidentificationPolicy> again = ParseDeidentificationPolicy(written, kColumns);
  ASSERT_TRUE(again.ok()) << again.status().message() << "\n" << written.dump();
  EXPECT_EQ(DeidentificationPolicyToJson(*again), written);
  EXPECT_EQ(written["fields"][0]["mask_character"], "*");
  EXPECT_EQ(written["fields"][3]["width"], 10);
}

TEST(DeidentificationPolicyTest, ChecksAStoredPolicyAgainstNewColumns) {
  DeidentificationPolicy policy;
  policy.fields.push_back(RuleOf("name", DeidentificationMethod::kSuppress));
  policy.quasi_identifiers = {"gender"};
  policy.k = 5;
  EXPECT_TRUE(CheckPolicyColumns(policy, {"name", "gender"}).ok());
  Status status = CheckPolicyColumns(policy, {"name"});
  ASSERT_FALSE(status.ok());
  ASSERT_EQ(status.field_errors().size(), 1u);
  EXPECT_EQ(status.field_errors()[0].field, "quasi_identifiers[0]");
}

// Kinds from the quality part's detector and the rule the task asks for each.
TEST(DeidentificationPolicyTest, SuggestsARulePerDetectedKind) {
  DeidentificationPolicy policy = SuggestPolicy({{"sfzh", "citizen_id"},
                                                 {"sjhm", "mobile"},
                                                 {"gddh", "phone"},
                                                 {"yhkh", "bank_card"},
                                                 {"dzyx", "email"},
                                                 {"xm", "name"},
                                                 {"zz", "address"},
                                                 {"hzhm", "passport"},
                                                 {"csrq", "birth_date"},
                                                 {"bz", "free_text"},
                                                 {"sfzh", "mobile"}});
  auto mask = [](std::string field, int keep_first, int keep_last, MaskPart part) {
    return nlohmann::json{
        {"field", std::move(field)}, {"method", "mask"},
        {"keep_first", keep_first},  {"keep_last", keep_last},
        {"mask_character", "*"},     {"part", part == MaskPart::kAll ? "all" : "email_local"}};
  };
  nlohmann::json expected_fields = {
      mask("sfzh", 6, 4, MaskPart::kAll),
      mask("sjhm", 3, 4, MaskPart::kAll),
      mask("gddh", 0, 4, MaskPart::kAll),
      mask("yhkh", 0, 4, MaskPart::kAll),
      mask("dzyx", 1, 0, MaskPart::kEmailLocal),
      mask("xm", 1, 0, MaskPart::kAll),
      {{"field", "zz"}, {"method", "generalize"}, {"to", "district"}},
      mask("hzhm", 0, 3, MaskPart::kAll),
      {{"field", "csrq"}, {"method", "generalize"}, {"to", "month"}},
  };
  nlohmann::json written = DeidentificationPolicyToJson(policy);
  EXPECT_EQ(written["fields"], expected_fields) << written.dump(2);
  EXPECT_TRUE(policy.quasi_identifiers.empty());
  // The suggestion is a valid policy for those columns.
  std::vector<std::string> columns = {"sfzh", "sjhm", "gddh", "yhkh", "dzyx",
                                      "xm",   "zz",   "hzhm", "csrq", "bz"};
  EXPECT_TRUE(ParseDeidentificationPolicy(written, columns).ok());
}

}  // namespace
}  // namespace gongshu::privacy
