// Tests of privacy/deidentifier.h: every method through the whole path a release takes (policy
// JSON → Deidentifier → Apply), driven by testdata/mask.tsv, generalize.tsv and pseudonymize.tsv.
#include "privacy/deidentifier.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <optional>
#include <string>
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

const std::string kKey(32, 'k');

std::string HexToBytes(const std::string& hex) {
  std::string bytes(hex.size() / 2, '\0');
  size_t length = 0;
  sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                 hex.size(), nullptr, &length, nullptr);
  bytes.resize(length);
  return bytes;
}

// A Deidentifier for one column "v" treated by `rule` (the JSON of one entry of "fields").
Deidentifier OneColumn(nlohmann::json rule, const std::string& key = kKey) {
  rule["field"] = "v";
  nlohmann::json document = {{"fields", nlohmann::json::array({rule})}};
  Result<DeidentificationPolicy> policy = ParseDeidentificationPolicy(document, {"v"});
  EXPECT_TRUE(policy.ok()) << document.dump() << ": " << policy.status().message();
  Result<Deidentifier> deidentifier = Deidentifier::Create(*policy, {"v"}, key);
  EXPECT_TRUE(deidentifier.ok()) << deidentifier.status().message();
  return std::move(deidentifier).value();
}

// The output of `deidentifier` for one cell: nullopt for null.
std::optional<std::string> ApplyOne(const Deidentifier& deidentifier,
                                    std::optional<std::string> input) {
  tabular::Cell cell = input ? tabular::Cell{*input, false} : tabular::Cell{{}, true};
  DeidentifiedRow row;
  deidentifier.Apply(std::span<const tabular::Cell>(&cell, 1), row);
  EXPECT_EQ(row.cells().size(), 1u);
  if (row.cells()[0].is_null) return std::nullopt;
  return std::string(row.cells()[0].text);
}

std::string Show(const std::optional<std::string>& value) { return value ? *value : "(null)"; }

TEST(DeidentifierTest, MasksAsTheTableSays) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/mask.tsv");
  ASSERT_GE(rows.size(), 20u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 6u) << "mask.tsv line " << row.line;
    nlohmann::json rule = {{"method", "mask"},
                           {"keep_first", std::stoi(row.cells[0])},
                           {"keep_last", std::stoi(row.cells[1])}};
    if (row.cells[2] != "-") rule["mask_character"] = row.cells[2];
    if (row.cells[3] != "-") rule["part"] = row.cells[3];
    EXPECT_EQ(Show(ApplyOne(OneColumn(rule), row.cells[4])), row.cells[5])
        << "mask.tsv line " << row.line << ": " << row.cells[4];
  }
}

TEST(DeidentifierTest, GeneralizesAsTheTableSays) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/generalize.tsv");
  ASSERT_GE(rows.size(), 80u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "generalize.tsv line " << row.line;
    nlohmann::json rule = {{"method", "generalize"}, {"to", row.cells[0]}};
    if (row.cells[1] != "-") rule["width"] = std::stoll(row.cells[1]);
    EXPECT_EQ(Show(ApplyOne(OneColumn(rule), row.cells[2])), row.cells[3])
        << "generalize.tsv line " << row.line << ": " << row.cells[2];
  }
}

TEST(DeidentifierTest, PseudonymsMatchIndependentlyComputedHmacs) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/pseudonymize.tsv");
  ASSERT_GE(rows.size(), 5u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "pseudonymize.tsv line " << row.line;
    Deidentifier deidentifier = OneColumn({{"method", "pseudonymize"}}, HexToBytes(row.cells[0]));
    EXPECT_EQ(Show(ApplyOne(deidentifier, row.cells[1])), row.cells[2])
        << "pseudonymize.tsv line " << row.line;
  }
}

TEST(DeidentifierTest, PseudonymsAreStableUnderOneKeyAndDifferAcrossKeys) {
  Deidentifier release_a = OneColumn({{"method", "pseudonymize"}}, std::string(32, 'a'));
  Deidentifier release_a_again = OneColumn({{"method", "pseudonymize"}}, std::string(32, 'a'));
  Deidentifier release_b = OneColumn({{"method", "pseudonymize"}}, std::string(32, 'b'));
  std::optional<std::string> first = ApplyOne(release_a, "13800138000");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->size(), 32u);
  EXPECT_EQ(first->find_first_not_of("0123456789abcdef"), std::string::npos) << *first;
  EXPECT_EQ(ApplyOne(release_a, "13800138000"), first);
  EXPECT_EQ(ApplyOne(release_a_again, "13800138000"), first);
  EXPECT_NE(ApplyOne(release_b, "13800138000"), first);
  EXPECT_NE(ApplyOne(release_a, "13800138001"), first);
}

TEST(DeidentifierTest, NullStaysNullUnderEveryMethod) {
  const nlohmann::json rules[] = {
      {{"method", "mask"}, {"keep_first", 0}, {"keep_last", 0}},
      {{"method", "mask"}, {"keep_first", 1}, {"part", "email_local"}},
      {{"method", "pseudonymize"}},
      {{"method", "generalize"}, {"to", "month"}},
      {{"method", "generalize"}, {"to", "year"}},
      {{"method", "generalize"}, {"to", "band"}, {"width", 10}},
      {{"method", "generalize"}, {"to", "district"}},
      {{"method", "suppress"}},
  };
  for (const nlohmann::json& rule : rules) {
    EXPECT_EQ(ApplyOne(OneColumn(rule), std::nullopt), std::nullopt) << rule.dump();
  }
}

TEST(DeidentifierTest, SuppressWritesNullForAnyValue) {
  Deidentifier deidentifier = OneColumn({{"method", "suppress"}});
  EXPECT_EQ(ApplyOne(deidentifier, "患者备注"), std::nullopt);
  EXPECT_EQ(ApplyOne(deidentifier, ""), std::nullopt);
}

// The example policy of the task, on one row of every column it names.
TEST(DeidentifierTest, AppliesAWholePolicyToARow) {
  const std::vector<std::string> columns = {"id_number", "name",     "phone", "birth_date",
                                            "age",       "address",  "note",  "internal_id",
                                            "gender",    "diagnosis"};
  nlohmann::json document = nlohmann::json::parse(R"({
      "fields": [
        {"field": "id_number", "method": "mask", "keep_first": 6, "keep_last": 4},
        {"field": "name", "method": "mask", "keep_first": 1, "keep_last": 0},
        {"field": "phone", "method": "pseudonymize"},
        {"field": "birth_date", "method": "generalize", "to": "month"},
        {"field": "age", "method": "generalize", "to": "band", "width": 10},
        {"field": "address", "method": "generalize", "to": "district"},
        {"field": "note", "method": "suppress"},
        {"field": "internal_id", "method": "drop"}],
      "quasi_identifiers": ["gender", "birth_date", "address"],
      "sensitive_attributes": ["diagnosis"], "k": 5, "l": 2})");
  Result<DeidentificationPolicy> policy = ParseDeidentificationPolicy(document, columns);
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  // The first key of pseudonymize.tsv, whose pseudonym of 13800138000 OpenSSL computed.
  std::string key = HexToBytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  Result<Deidentifier> deidentifier = Deidentifier::Create(*policy, columns, key);
  ASSERT_TRUE(deidentifier.ok()) << deidentifier.status().message();
  EXPECT_EQ(deidentifier->OutputColumnNames(),
            (std::vector<std::string>{"id_number", "name", "phone", "birth_date", "age", "address",
                                      "note", "gender", "diagnosis"}));
  EXPECT_EQ(deidentifier->OutputIndex("gender"), 7u);
  EXPECT_EQ(deidentifier->OutputIndex("internal_id"), std::nullopt);
  EXPECT_EQ(deidentifier->OutputIndex("salary"), std::nullopt);

  const std::vector<std::string> values = {"350102199001011234",
                                           "张三丰",
                                           "13800138000",
                                           "1990-01-05",
                                           "34",
                                           "福建省福州市鼓楼区五四路123号",
                                           "复诊",
                                           "A-000017",
                                           "男",
                                           "高血压"};
  std::vector<tabular::Cell> in;
  for (const std::string& value : values) in.push_back({value, false});
  DeidentifiedRow row;
  deidentifier->Apply(in, row);
  ASSERT_EQ(row.cells().size(), 9u);
  std::vector<std::string> out;
  for (const tabular::Cell& cell : row.cells()) {
    out.push_back(cell.is_null ? "(null)" : std::string(cell.text));
  }
  EXPECT_EQ(out, (std::vector<std::string>{"350102********1234", "张**",
                                           "f0365c81699373289c1fc09ca5d5f8fd", "1990-01", "30-39",
                                           "福建省福州市鼓楼区", "(null)", "男", "高血压"}));
  // Kept cells are the input's own views: nothing is copied for them.
  EXPECT_EQ(row.cells()[7].text.data(), values[8].data());
}

TEST(DeidentifierTest, ReusedRowGivesEachRowItsOwnValues) {
  Deidentifier deidentifier = OneColumn({{"method", "mask"}, {"keep_first", 1}});
  DeidentifiedRow row;
  const std::string values[] = {"欧阳娜娜", "张三", "李"};
  const std::string expected[] = {"欧***", "张*", "*"};
  for (size_t index = 0; index < 3; ++index) {
    tabular::Cell cell{values[index], false};
    deidentifier.Apply(std::span<const tabular::Cell>(&cell, 1), row);
    EXPECT_EQ(row.cells()[0].text, expected[index]);
  }
}

TEST(DeidentifierTest, MissingCellsOfAShortRecordAreNull) {
  DeidentificationPolicy policy;
  policy.fields.push_back(RuleOf("b", DeidentificationMethod::kSuppress));
  Result<Deidentifier> deidentifier = Deidentifier::Create(policy, {"a", "b", "c"}, "");
  ASSERT_TRUE(deidentifier.ok()) << deidentifier.status().message();
  tabular::Cell only{"x", false};
  DeidentifiedRow row;
  deidentifier->Apply(std::span<const tabular::Cell>(&only, 1), row);
  ASSERT_EQ(row.cells().size(), 3u);
  EXPECT_EQ(row.cells()[0].text, "x");
  EXPECT_TRUE(row.cells()[1].is_null);
  EXPECT_TRUE(row.cells()[2].is_null);
}

TEST(DeidentifierTest, RefusesAShortKeyOnlyWhenPseudonymsAreMade) {
  DeidentificationPolicy pseudonyms;
  pseudonyms.fields.push_back(RuleOf("a", DeidentificationMethod::kPseudonymize));
  Result<Deidentifier> short_key = Deidentifier::Create(pseudonyms, {"a"}, std::string(15, 'k'));
  ASSERT_FALSE(short_key.ok());
  EXPECT_EQ(short_key.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Deidentifier::Create(pseudonyms, {"a"}, std::string(16, 'k')).ok());

  DeidentificationPolicy masks;
  masks.fields.push_back(RuleOf("a", DeidentificationMethod::kMask));
  EXPECT_TRUE(Deidentifier::Create(masks, {"a"}, "").ok());
}

TEST(DeidentifierTest, RefusesAPolicyThatNoLongerFitsTheColumns) {
  DeidentificationPolicy policy;
  policy.fields.push_back(RuleOf("id_number", DeidentificationMethod::kDrop));
  Result<Deidentifier> deidentifier = Deidentifier::Create(policy, {"name", "phone"}, kKey);
  ASSERT_FALSE(deidentifier.ok());
  ASSERT_EQ(deidentifier.status().field_errors().size(), 1u);
  EXPECT_EQ(deidentifier.status().field_errors()[0].field, "fields[0].field");
  EXPECT_NE(deidentifier.status().message().find("\"id_number\""), std::string::npos)
      << deidentifier.status().message();
}

}  // namespace
}  // namespace gongshu::privacy
