// Sample catalog for tests of the interop part: a DCAT context for a city data administration
// and four realistic resources that fill every optional element, plus a builder of resources
// whose every text element is one given (hostile) string. Header-only; test code only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/resource.h"
#include "catalog/theme.h"
#include "common/clock.h"
#include "interop/dcat.h"

namespace gongshu::testing {

inline constexpr std::string_view kSampleBaseUrl = "https://data.fuzhou.example.gov.cn";

// Names and rough outlines (WGS 84) of the divisions the samples use.
inline std::optional<Place> SamplePlace(std::string_view division_code) {
  if (division_code == "350000") {
    return Place{"福建省",
                 "POLYGON((115.84 23.50, 120.72 23.50, 120.72 28.32, 115.84 28.32, 115.84 23.50))",
                 "POINT(118.15 26.07)"};
  }
  if (division_code == "350100") {
    return Place{"福州市",
                 "POLYGON((118.13 25.25, 120.52 25.25, 120.52 26.65, 118.13 26.65, 118.13 25.25))",
                 "POINT(119.30 26.08)"};
  }
  if (division_code == "350102") {
    return Place{"鼓楼区",
                 "POLYGON((119.24 26.06, 119.33 26.06, 119.33 26.13, 119.24 26.13, 119.24 26.06))",
                 "POINT(119.29 26.09)"};
  }
  return std::nullopt;
}

// The context of the sample deployment. `themes` must outlive the context's use.
inline DcatContext SampleDcatContext(const ThemeTaxonomy* themes) {
  DcatContext context;
  context.base_url = std::string(kSampleBaseUrl);
  context.catalog_title = "福州市公共数据开放目录";
  context.catalog_description = "福州市各部门依法开放的公共数据资源目录，提供文件下载与数据接口。";
  context.publisher_id = "org_fzdata00000000000000";
  context.publisher_name = "福州市大数据发展管理委员会";
  context.publisher_division_code = "350100";
  context.catalog_issued = "2025-06-01";
  context.catalog_license = "CC-BY-4.0";
  context.themes = themes;
  context.find_place = SamplePlace;
  return context;
}

inline Item SampleItem(std::string name, std::string title, ItemType type, Grade sensitivity,
                       PersonalData personal, std::string description = "") {
  Item item;
  item.name = std::move(name);
  item.title = std::move(title);
  item.type = type;
  item.description = std::move(description);
  item.sensitivity = sensitivity;
  item.personal = personal;
  return item;
}

// Four registered resources of four providers. Together they use every element of Resource.
inline std::vector<Resource> SampleResources() {
  std::vector<Resource> resources;

  Resource enterprises;
  enterprises.id = "res_enterprise0000000000";
  enterprises.version = 3;
  enterprises.code = "11350100003652816R-00001";
  enterprises.name = "福州市企业登记基本信息";
  enterprises.summary =
      "全市登记在册企业的统一社会信用代码、名称、类型、成立日期、注册资本与登记机关，"
      "每日更新。";
  enterprises.provider_id = "org_fzscjg00000000000000";
  enterprises.provider_name = "福州市市场监督管理局";
  enterprises.provider_code = "11350100003652816R";
  enterprises.region = "350100";
  enterprises.classification = {"基础", "法人单位", "企业登记", "基本信息"};
  enterprises.themes = {"market_regulation", "commerce"};
  enterprises.formats = {"csv", "xlsx", "api"};
  enterprises.items = {
      SampleItem("uscc", "统一社会信用代码", ItemType::kString, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone, "GB 32100-2015 编码"),
      SampleItem("name", "企业名称", ItemType::kString, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone),
      SampleItem("legal_representative", "法定代表人", ItemType::kString, {GradeLevel::kGeneral, 3},
                 PersonalData::kDirectIdentifier),
      SampleItem("established", "成立日期", ItemType::kDate, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone),
      SampleItem("registered_capital", "注册资本（万元）", ItemType::kDecimal,
                 {GradeLevel::kGeneral, 2}, PersonalData::kNone),
      SampleItem("active", "是否存续", ItemType::kBoolean, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone),
      SampleItem("updated_at", "更新时间", ItemType::kDateTime, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone),
      SampleItem("branch_count", "分支机构数", ItemType::kInteger, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone),
  };
  enterprises.sharing = AccessAttribute::kUnconditional;
  enterprises.sharing_conditions = "";
  enterprises.sharing_method = "接口";
  enterprises.opening = AccessAttribute::kUnconditional;
  enterprises.opening_conditions = "法定代表人字段经去标识化后开放。";
  enterprises.update_cycle = UpdateCycle::kDaily;
  enterprises.publish_date = "2025-07-01";
  enterprises.related_resource_ids = {"res_busstops000000000000"};
  enterprises.spatial = "350100";
  enterprises.temporal_start = "2000-01-01";
  enterprises.temporal_end = "2025-12-31";
  enterprises.keywords = {"企业", "市场主体", "登记注册"};
  enterprises.license = "CC-BY-4.0";
  enterprises.contact = {"数据开放服务窗口", "open@scjg.fuzhou.example.gov.cn", "0591-87654321"};
  enterprises.grading = {{GradeLevel::kGeneral, 3},
                         "就高从严：法定代表人字段为一般3级",
                         "usr_grader00000000000000",
                         FromUnixSeconds(1748736000)};
  enterprises.operation_allowed = true;
  enterprises.operation_override_reason = "";
  enterprises.has_deidentification_policy = true;
  enterprises.status = ResourceStatus::kRegistered;
  enterprises.registration_code = "GSDJ-350100-2025-000017";
  enterprises.created_at = FromUnixSeconds(1745000000);
  enterprises.updated_at = FromUnixSeconds(1767000000);
  enterprises.created_by = "usr_provider0000000000000";
  resources.push_back(enterprises);

  Resource bus_stops;
  bus_stops.id = "res_busstops000000000000";
  bus_stops.version = 1;
  bus_stops.code = "org_fzjtj000000000000000-00002";
  bus_stops.name = "鼓楼区公交站点与实时到站信息";
  bus_stops.summary = "鼓楼区公交站点的名称、位置、途经线路和车辆实时到站预测。";
  bus_stops.provider_id = "org_fzjtj000000000000000";
  bus_stops.provider_name = "福州市交通运输局";
  bus_stops.provider_code = "org_fzjtj000000000000000";
  bus_stops.region = "350100";
  bus_stops.classification = {"主题", "交通运输", "公共交通", "公交站点"};
  bus_stops.themes = {"transport"};
  bus_stops.formats = {"json", "api"};
  bus_stops.items = {
      SampleItem("station_id", "站点编号", ItemType::kString, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone),
      SampleItem("longitude", "经度", ItemType::kDecimal, {GradeLevel::kGeneral, 2},
                 PersonalData::kNone),
  };
  bus_stops.sharing = AccessAttribute::kConditional;
  bus_stops.sharing_conditions = "用于公共交通调度与城市规划的政务用途。";
  bus_stops.sharing_method = "接口";
  bus_stops.opening = AccessAttribute::kConditional;
  bus_stops.opening_conditions = "申请人须说明用途并承诺不用于商业竞价排名。";
  bus_stops.update_cycle = UpdateCycle::kRealtime;
  bus_stops.publish_date = "2025-08-15";
  bus_stops.related_resource_ids = {"res_enterprise0000000000"};
  bus_stops.spatial = "350102";
  bus_stops.temporal_start = "2025-01-01";
  bus_stops.temporal_end = "2025-12-31";
  bus_stops.keywords = {"公交", "站点", "实时到站"};
  bus_stops.license = "";
  bus_stops.contact = {"", "", "0591-12345678"};
  bus_stops.grading = {{GradeLevel::kGeneral, 2},
                       "JT/T 分类分级目录：公交基础设施",
                       "usr_grader00000000000000",
                       FromUnixSeconds(1750000000)};
  bus_stops.operation_allowed = true;
  bus_stops.status = ResourceStatus::kRegistered;
  bus_stops.registration_code = "GSDJ-350100-2025-000023";
  bus_stops.created_at = FromUnixSeconds(1746000000);
  bus_stops.updated_at = FromUnixSeconds(1766000000);
  resources.push_back(bus_stops);

  Resource air;
  air.id = "res_airquality0000000000";
  air.version = 7;
  air.code = "12350000MB0123456X-00003";
  air.name = "福建省空气质量年度统计";
  air.summary = "各设区市空气质量优良天数比例、PM2.5 年均浓度等年度统计指标。";
  air.provider_id = "org_fjsthjt0000000000000";
  air.provider_name = "福建省生态环境厅";
  air.provider_code = "12350000MB0123456X";
  air.region = "350000";
  air.classification = {"部门", "生态环境厅", "", ""};
  air.themes = {"environment", "weather"};
  air.formats = {"csv", "pdf"};
  air.items = {
      SampleItem("city", "设区市", ItemType::kString, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone),
      SampleItem("pm25", "PM2.5 年均浓度（μg/m³）", ItemType::kDecimal, {GradeLevel::kGeneral, 1},
                 PersonalData::kNone),
  };
  air.sharing = AccessAttribute::kUnconditional;
  air.opening = AccessAttribute::kUnconditional;
  air.update_cycle = UpdateCycle::kHalfYearly;
  air.publish_date = "2024-03-01";
  air.spatial = "350000";
  air.temporal_start = "2015-01-01";
  air.temporal_end = "2024-12-31";
  air.keywords = {"空气质量", "PM2.5"};
  air.license = "https://creativecommons.org/publicdomain/zero/1.0/";
  air.contact = {"环境监测处", "jcc@sthjt.fujian.example.gov.cn", ""};
  air.grading = {{GradeLevel::kImportant, 0},
                 "重要数据目录第 12 项",
                 "usr_grader00000000000000",
                 FromUnixSeconds(1700000000)};
  air.operation_allowed = false;
  air.operation_override_reason = "";
  air.status = ResourceStatus::kRegistered;
  air.registration_code = "GSDJ-350000-2024-000003";
  air.created_at = FromUnixSeconds(1700000000);
  air.updated_at = FromUnixSeconds(1760000000);
  resources.push_back(air);

  Resource assistance;
  assistance.id = "res_assistance0000000000";
  assistance.version = 2;
  assistance.code = "11350100MB1234567Y-00004";
  assistance.name = "城乡最低生活保障对象信息";
  assistance.summary = "城乡低保对象的身份信息、家庭人口、保障金额与审批日期，按月更新。";
  assistance.provider_id = "org_fzmzj000000000000000";
  assistance.provider_name = "福州市民政局";
  assistance.provider_code = "11350100MB1234567Y";
  assistance.region = "350100";
  assistance.classification = {"部门", "民政局", "社会救助", "低保"};
  assistance.themes = {"social_assistance"};
  assistance.formats = {"xlsx"};
  assistance.items = {
      SampleItem("citizen_id", "公民身份号码", ItemType::kString, {GradeLevel::kImportant, 0},
                 PersonalData::kDirectIdentifier),
      SampleItem("household_size", "家庭人口", ItemType::kInteger, {GradeLevel::kGeneral, 3},
                 PersonalData::kQuasiIdentifier),
      SampleItem("monthly_amount", "月保障金额（元）", ItemType::kDecimal,
                 {GradeLevel::kGeneral, 4}, PersonalData::kSensitive),
  };
  assistance.sharing = AccessAttribute::kConditional;
  assistance.sharing_conditions = "仅限民政、医保、住建部门用于救助资格核对。";
  assistance.sharing_method = "文件下载";
  assistance.opening = AccessAttribute::kNone;
  assistance.opening_conditions = "含公民身份号码等个人信息，依法不予开放。";
  assistance.update_cycle = UpdateCycle::kMonthly;
  assistance.publish_date = "2025-05-20";
  assistance.spatial = "350100";
  assistance.temporal_start = "2020-01-01";
  assistance.temporal_end = "2025-12-31";
  assistance.keywords = {"低保", "社会救助"};
  assistance.contact = {"社会救助处", "shjz@mzj.fuzhou.example.gov.cn", "0591-83330000"};
  assistance.grading = {{GradeLevel::kImportant, 0},
                        "就高从严：公民身份号码为重要数据",
                        "usr_grader00000000000000",
                        FromUnixSeconds(1745500000)};
  assistance.operation_allowed = true;
  assistance.operation_override_reason =
      "经数据管理机构批准，仅用于社会救助精准识别场景（2025 年第 3 次主任办公会）。";
  assistance.has_deidentification_policy = true;
  assistance.status = ResourceStatus::kRegistered;
  assistance.registration_code = "GSDJ-350100-2025-000031";
  assistance.created_at = FromUnixSeconds(1745400000);
  assistance.updated_at = FromUnixSeconds(1765000000);
  resources.push_back(assistance);
  return resources;
}

// A resource whose every free-text element (and its id, code, formats, themes, codes, contact,
// licence and dates) is `hostile`, numbered `number` so several can share a catalog page.
inline Resource HostileResource(const std::string& hostile, int number) {
  Resource resource;
  std::string tag = std::to_string(number);
  resource.id = "res_hostile_" + tag + "_" + hostile;
  resource.code = hostile + "-" + tag;
  resource.name = hostile;
  resource.summary = hostile;
  resource.provider_id = "org_" + hostile;
  resource.provider_name = hostile;
  resource.provider_code = hostile;
  resource.region = hostile;
  resource.classification = {hostile, hostile, hostile, hostile};
  resource.themes = {hostile, "transport"};
  resource.formats = {hostile, "csv"};
  resource.items = {SampleItem(hostile, hostile, ItemType::kString, {GradeLevel::kGeneral, 1},
                               PersonalData::kNone, hostile)};
  resource.sharing_conditions = hostile;
  resource.sharing_method = hostile;
  resource.opening = AccessAttribute::kConditional;
  resource.opening_conditions = hostile;
  resource.publish_date = hostile;
  resource.related_resource_ids = {hostile};
  resource.spatial = hostile;
  resource.temporal_start = hostile;
  resource.temporal_end = "2025-12-31";
  resource.keywords = {hostile};
  resource.license = hostile.empty() ? "" : "https://example.com/" + hostile;
  resource.contact = {hostile, hostile + "@example.com", hostile};
  resource.grading.basis = hostile;
  resource.operation_override_reason = hostile;
  resource.status = ResourceStatus::kRegistered;
  resource.registration_code = hostile;
  resource.created_at = FromUnixSeconds(1700000000);
  resource.updated_at = FromUnixSeconds(1700000000 + number);
  return resource;
}

}  // namespace gongshu::testing
