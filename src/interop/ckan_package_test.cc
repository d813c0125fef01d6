// Tests of interop/ckan_package.h and interop/ckan_envelope.h.
#include "interop/ckan_package.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/testing/table.h"
#include "interop/ckan_envelope.h"
#include "interop/testing/sample_catalog.h"

namespace gongshu {
namespace {

using ::gongshu::testing::kSampleBaseUrl;
using ::gongshu::testing::ReadTable;
using ::gongshu::testing::SampleResources;
using ::gongshu::testing::TableRow;

// Expands the tables' "{repeat:TEXT:N}" cells.
std::string ExpandRepeat(const std::string& cell) {
  if (!cell.starts_with("{repeat:") || !cell.ends_with("}")) return cell;
  size_t colon = cell.rfind(':');
  std::string text = cell.substr(8, colon - 8);
  int count = std::stoi(cell.substr(colon + 1, cell.size() - colon - 2));
  std::string expanded;
  for (int index = 0; index < count; ++index) expanded += text;
  return expanded;
}

Resource SampleNamed(std::string_view id) {
  for (const Resource& resource : SampleResources()) {
    if (resource.id == id) return resource;
  }
  ADD_FAILURE() << "no sample " << id;
  return {};
}

CkanContext SampleCkanContext() {
  CkanContext context;
  context.base_url = std::string(kSampleBaseUrl);
  context.themes = &ThemeTaxonomy::Default();
  context.find_organization = [](std::string_view id) -> std::optional<CkanOrganizationInfo> {
    if (id != "org_fzscjg00000000000000") return std::nullopt;
    return CkanOrganizationInfo{std::string(id), "福州市市场监督管理局", "市场监管部门",
                                FromUnixSeconds(1735689600)};
  };
  context.datastore_active = [](const Resource& resource) {
    return resource.opening == AccessAttribute::kUnconditional;
  };
  return context;
}

TEST(CkanNameTest, PackageNameFollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/ckan_package_name.tsv");
  ASSERT_GE(rows.size(), 8u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "ckan_package_name.tsv line " << row.line;
    Resource resource;
    std::string source = ExpandRepeat(row.cells[0]);
    if (source.starts_with("id:")) {
      resource.id = source.substr(3);
    } else {
      resource.id = "res_unused";
      resource.code = source;
    }
    std::string name = CkanPackageName(resource);
    EXPECT_EQ(name, ExpandRepeat(row.cells[1])) << "ckan_package_name.tsv line " << row.line;
    Status status = CheckCkanName(name);
    if (row.cells[2] == "ok") {
      EXPECT_TRUE(status.ok()) << "ckan_package_name.tsv line " << row.line << ": "
                               << status.message();
    } else {
      EXPECT_FALSE(status.ok()) << "ckan_package_name.tsv line " << row.line;
      EXPECT_NE(status.message().find(row.cells[2]), std::string::npos)
          << "ckan_package_name.tsv line " << row.line << ": " << status.message();
    }
  }
}

TEST(CkanNameTest, CheckFollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/ckan_name.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "ckan_name.tsv line " << row.line;
    Status status = CheckCkanName(ExpandRepeat(row.cells[0]));
    if (row.cells[1] == "ok") {
      EXPECT_TRUE(status.ok()) << "ckan_name.tsv line " << row.line << ": " << status.message();
      continue;
    }
    ASSERT_FALSE(status.ok()) << "ckan_name.tsv line " << row.line;
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    ASSERT_EQ(status.field_errors().size(), 1u);
    EXPECT_EQ(status.field_errors()[0].field, "name");
    EXPECT_EQ(status.field_errors()[0].reason, row.cells[1]) << "ckan_name.tsv line " << row.line;
  }
}

TEST(CkanNameTest, EverySampleNameIsValidAndDistinct) {
  std::set<std::string> names;
  for (const Resource& resource : SampleResources()) {
    std::string name = CkanPackageName(resource);
    EXPECT_TRUE(CheckCkanName(name).ok()) << name;
    EXPECT_TRUE(names.insert(name).second) << name;
  }
}

TEST(CkanTimestampTest, UtcWithMicrosecondsAndNoZone) {
  EXPECT_EQ(CkanTimestamp(FromUnixSeconds(1767000000)), "2025-12-29T09:20:00.000000");
  EXPECT_EQ(CkanTimestamp(FromUnixSeconds(0) + std::chrono::microseconds(1234567)),
            "1970-01-01T00:00:01.234567");
  EXPECT_EQ(CkanTimestamp(FromUnixSeconds(0) - std::chrono::microseconds(1)),
            "1969-12-31T23:59:59.999999");
}

TEST(CkanResourceIdTest, RoundTrips) {
  EXPECT_EQ(CkanResourceId("res_abc", "CSV"), "res_abc.csv");
  Result<CkanResourceRef> parsed = ParseCkanResourceId("res_abc.csv");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->resource_id, "res_abc");
  EXPECT_EQ(parsed->format, "csv");
  Result<CkanResourceRef> dotted = ParseCkanResourceId("res_abc.tar.gz");
  ASSERT_TRUE(dotted.ok());
  EXPECT_EQ(dotted->format, "tar.gz");
  for (std::string_view bad : {"res_abc", ".csv", "res_abc.", ""}) {
    Result<CkanResourceRef> refused = ParseCkanResourceId(bad);
    EXPECT_FALSE(refused.ok()) << bad;
  }
}

// The package dict of a registered, opened resource has CKAN 2.10's package_show shape.
TEST(CkanPackageTest, HasPackageShowShape) {
  Resource resource = SampleNamed("res_enterprise0000000000");
  nlohmann::json package = CkanPackage(resource, SampleCkanContext());

  EXPECT_EQ(package["id"], "res_enterprise0000000000");
  EXPECT_EQ(package["name"], "11350100003652816r-00001");
  EXPECT_EQ(package["title"], "福州市企业登记基本信息");
  EXPECT_EQ(package["notes"], resource.summary);
  EXPECT_EQ(package["url"], std::string(kSampleBaseUrl) + "/resources/res_enterprise0000000000");
  EXPECT_EQ(package["type"], "dataset");
  EXPECT_EQ(package["state"], "active");
  EXPECT_EQ(package["private"], false);
  EXPECT_EQ(package["author"], "福州市市场监督管理局");
  EXPECT_TRUE(package["author_email"].is_null());
  EXPECT_EQ(package["maintainer"], "数据开放服务窗口");
  EXPECT_EQ(package["maintainer_email"], "open@scjg.fuzhou.example.gov.cn");
  EXPECT_EQ(package["license_id"], "cc-by");
  EXPECT_EQ(package["license_title"], "Creative Commons Attribution");
  EXPECT_EQ(package["license_url"], "https://creativecommons.org/licenses/by/4.0/");
  EXPECT_EQ(package["isopen"], true);
  EXPECT_EQ(package["metadata_created"], "2025-04-18T18:13:20.000000");
  EXPECT_EQ(package["metadata_modified"], "2025-12-29T09:20:00.000000");
  EXPECT_EQ(package["owner_org"], "org_fzscjg00000000000000");

  const nlohmann::json& organization = package["organization"];
  EXPECT_EQ(organization["id"], "org_fzscjg00000000000000");
  EXPECT_EQ(organization["name"], "org_fzscjg00000000000000");
  EXPECT_EQ(organization["title"], "福州市市场监督管理局");
  EXPECT_EQ(organization["description"], "市场监管部门");
  EXPECT_EQ(organization["type"], "organization");
  EXPECT_EQ(organization["is_organization"], true);
  EXPECT_EQ(organization["state"], "active");
  EXPECT_EQ(organization["created"], "2025-01-01T00:00:00.000000");

  ASSERT_EQ(package["groups"].size(), 2u);
  EXPECT_EQ(package["groups"][0]["id"], "market_regulation");
  EXPECT_EQ(package["groups"][0]["name"], "market_regulation");
  EXPECT_EQ(package["groups"][0]["title"], "市场监管");
  EXPECT_EQ(package["groups"][0]["display_name"], "市场监管");

  EXPECT_EQ(package["num_tags"], 3);
  ASSERT_EQ(package["tags"].size(), 3u);
  EXPECT_EQ(package["tags"][1], nlohmann::json::parse(R"({"id": "市场主体", "name": "市场主体",
      "display_name": "市场主体", "state": "active", "vocabulary_id": null})"));

  EXPECT_EQ(package["num_resources"], 3);
  ASSERT_EQ(package["resources"].size(), 3u);
  const nlohmann::json& csv = package["resources"][0];
  EXPECT_EQ(csv["id"], "res_enterprise0000000000.csv");
  EXPECT_EQ(csv["package_id"], "res_enterprise0000000000");
  EXPECT_EQ(csv["name"], "福州市企业登记基本信息（CSV）");
  EXPECT_EQ(csv["format"], "CSV");
  EXPECT_EQ(csv["mimetype"], "text/csv");
  EXPECT_EQ(csv["url"], std::string(kSampleBaseUrl) + "/resources/res_enterprise0000000000");
  EXPECT_EQ(csv["position"], 0);
  EXPECT_EQ(csv["state"], "active");
  EXPECT_EQ(csv["created"], "2025-04-18T18:13:20.000000");
  EXPECT_EQ(csv["datastore_active"], true);
  const nlohmann::json& api = package["resources"][2];
  EXPECT_EQ(api["format"], "API");
  EXPECT_EQ(api["resource_type"], "api");
  EXPECT_EQ(api["position"], 2);
  EXPECT_EQ(api["url"],
            std::string(kSampleBaseUrl) + "/api/v1/resources/res_enterprise0000000000/data");

  std::map<std::string, std::string> extras;
  std::string previous_key;
  for (const nlohmann::json& extra : package["extras"]) {
    ASSERT_EQ(extra.size(), 2u) << extra;
    std::string key = extra["key"];
    EXPECT_LT(previous_key, key) << "extras must be sorted and unique";
    previous_key = key;
    extras[key] = extra["value"];
  }
  EXPECT_EQ(extras["grade"], "general-3");
  EXPECT_EQ(extras["sharing"], "unconditional");
  EXPECT_EQ(extras["opening"], "unconditional");
  EXPECT_EQ(extras["update_cycle"], "daily");
  EXPECT_EQ(extras["frequency"],
            "http://publications.europa.eu/resource/authority/frequency/DAILY");
  EXPECT_EQ(extras["registration_code"], "GSDJ-350100-2025-000017");
  EXPECT_EQ(extras["provider_code"], "11350100003652816R");
  EXPECT_EQ(extras["spatial_code"], "350100");
  EXPECT_EQ(extras["temporal_start"], "2000-01-01");
  EXPECT_EQ(extras["temporal_end"], "2025-12-31");
  EXPECT_EQ(extras["classification"], "基础 / 法人单位 / 企业登记 / 基本信息");
  EXPECT_EQ(extras["uri"],
            std::string(kSampleBaseUrl) + "/api/v1/resources/res_enterprise0000000000");
  EXPECT_EQ(extras["related_resources"], R"(["res_busstops000000000000"])");
  EXPECT_EQ(extras["theme"],
            R"(["http://publications.europa.eu/resource/authority/data-theme/ECON"])");
  EXPECT_EQ(extras.count("sharing_conditions"), 0u) << "empty values are left out";
  EXPECT_NO_THROW(package.dump());
}

TEST(CkanPackageTest, UnlicensedResourcesSayWhy) {
  CkanContext context = SampleCkanContext();
  nlohmann::json conditional = CkanPackage(SampleNamed("res_busstops000000000000"), context);
  EXPECT_EQ(conditional["license_id"], "notspecified");
  EXPECT_EQ(conditional["isopen"], false);
  EXPECT_TRUE(conditional["maintainer_email"].is_null());
  nlohmann::json closed = CkanPackage(SampleNamed("res_assistance0000000000"), context);
  EXPECT_EQ(closed["license_id"], "other-closed");
  EXPECT_EQ(closed["license_title"], "Other (Not Open)");
  EXPECT_EQ(closed["resources"][0]["datastore_active"], false);
}

TEST(CkanPackageTest, UnknownOrganizationComesFromTheResource) {
  nlohmann::json package =
      CkanPackage(SampleNamed("res_airquality0000000000"), SampleCkanContext());
  EXPECT_EQ(package["organization"]["name"], "org_fjsthjt0000000000000");
  EXPECT_EQ(package["organization"]["title"], "福建省生态环境厅");
  EXPECT_TRUE(package["organization"]["created"].is_null());
  EXPECT_EQ(package["license_id"], "cc-zero");
}

TEST(CkanPackageTest, StateFollowsTheResourceStatus) {
  Resource resource = SampleNamed("res_airquality0000000000");
  resource.status = ResourceStatus::kDraft;
  EXPECT_EQ(CkanPackage(resource, SampleCkanContext())["state"], "draft");
  EXPECT_EQ(CkanPackage(resource, SampleCkanContext())["private"], true);
  resource.status = ResourceStatus::kCancelled;
  EXPECT_EQ(CkanPackage(resource, SampleCkanContext())["state"], "deleted");
}

TEST(CkanEnvelopeTest, SuccessAndErrorShapes) {
  std::string help = CkanHelpUrl("https://data.example.gov.cn/", "package_show");
  EXPECT_EQ(help, "https://data.example.gov.cn/api/3/action/help_show?name=package_show");
  EXPECT_EQ(CkanSuccess(help, {{"id", "x"}}),
            nlohmann::json::parse(R"({"help": ")" + help +
                                  R"(", "success": true, "result": {"id": "x"}})"));
  EXPECT_EQ(CkanError(help, "Not Found Error", "Not found"),
            nlohmann::json::parse(R"({"help": ")" + help + R"(", "success": false,
                "error": {"__type": "Not Found Error", "message": "Not found"}})"));

  CkanErrorResponse not_found = CkanErrorFromStatus(help, Status::NotFound("package res_x"));
  EXPECT_EQ(not_found.http_status, 404);
  EXPECT_EQ(not_found.body["error"]["__type"], "Not Found Error");
  EXPECT_EQ(not_found.body["error"]["message"], "Not found: package res_x");

  CkanErrorResponse invalid = CkanErrorFromStatus(
      help, Status::InvalidArgument(
                "bad", {{"rows", "Invalid integer"}, {"sort", "unsupported"}, {"rows", "again"}}));
  EXPECT_EQ(invalid.http_status, 409);
  EXPECT_EQ(invalid.body["success"], false);
  EXPECT_EQ(invalid.body["error"], nlohmann::json::parse(R"({"__type": "Validation Error",
                "rows": ["Invalid integer", "again"], "sort": ["unsupported"]})"));

  CkanErrorResponse denied = CkanErrorFromStatus(help, Status::PermissionDenied("private"));
  EXPECT_EQ(denied.http_status, 403);
  EXPECT_EQ(denied.body["error"]["__type"], "Authorization Error");

  CkanErrorResponse internal = CkanErrorFromStatus(help, Status::Internal("disk /var/x failed"));
  EXPECT_EQ(internal.http_status, 500);
  EXPECT_EQ(internal.body["error"]["message"], "Internal server error");
}

}  // namespace
}  // namespace gongshu
