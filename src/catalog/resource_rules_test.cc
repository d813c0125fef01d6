#include "catalog/resource_rules.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "catalog/resource_json.h"
#include "common/testing/table.h"

namespace gongshu {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// "field rule" pairs of the broken rules, in report order, joined by "; ".
std::string Decision(const std::vector<FieldError>& errors) {
  if (errors.empty()) return "ok";
  std::string decision;
  for (const FieldError& error : errors) {
    if (!decision.empty()) decision += "; ";
    decision += error.field + " " + error.reason.substr(0, error.reason.find(':'));
  }
  return decision;
}

TEST(ResourceRulesTest, Table) {
  nlohmann::json base =
      nlohmann::json::parse(ReadFile(std::string(GONGSHU_TESTDATA_DIR) + "/base_resource.json"));
  for (const testing::TableRow& row :
       testing::ReadTable(GONGSHU_TESTDATA_DIR "/resource_rules.tsv")) {
    ASSERT_EQ(row.cells.size(), 3u) << "line " << row.line;
    SCOPED_TRACE("line " + std::to_string(row.line) + ": " + row.cells[0]);
    nlohmann::json document = base;
    document.merge_patch(nlohmann::json::parse(row.cells[1]));
    Resource resource;
    Status parsed = ApplyResourceJson(document, true, &resource);
    ASSERT_TRUE(parsed.ok()) << parsed.message();
    EXPECT_EQ(Decision(CheckResourceRules(resource, ThemeTaxonomy::Default())), row.cells[2]);
  }
}

TEST(ResourceRulesTest, MessagesExplainTheRule) {
  nlohmann::json document =
      nlohmann::json::parse(ReadFile(std::string(GONGSHU_TESTDATA_DIR) + "/base_resource.json"));
  document["grading"]["grade"] = "core";
  Resource resource;
  ASSERT_TRUE(ApplyResourceJson(document, true, &resource).ok());
  std::vector<FieldError> errors = CheckResourceRules(resource, ThemeTaxonomy::Default());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].reason, "core_never_opened: core data may not be opened");
}

}  // namespace
}  // namespace gongshu
