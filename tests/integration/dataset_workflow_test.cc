// Datasets as users meet them, on a real server: a provider uploads a GBK CSV with bad rows and
// gets a report naming each line, fixes the file and publishes; personal data in another
// resource is detected and masked on every way out (row API, CSV, JSON, XLSX), and a stored
// de-identification policy with a k-anonymity check takes over; `kill -9` during an upload or
// while it is read leaves no partial version.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zip.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/testing/temp_dir.h"
#include "demo/demo_catalog.h"
#include "demo/demo_datasets.h"
#include "demo_server.h"
#include "http_client.h"

namespace gongshu::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// A citizen ID number with its GB 11643 check character (ISO 7064 MOD 11-2), computed here from
// the standard's weights rather than by the code under test.
std::string CitizenId(const std::string& first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (int index = 0; index < 17; ++index) sum += (first17[index] - '0') * kWeights[index];
  return first17 + kCheck[sum % 11];
}

// All text inside an XLSX (a zip): the decompressed bytes of every entry, joined.
std::string XlsxText(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    return "";
  }
  std::string text;
  for (zip_int64_t index = 0; index < zip_get_num_entries(archive, 0); ++index) {
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) continue;
    char buffer[65536];
    zip_int64_t read = 0;
    while ((read = zip_fread(file, buffer, sizeof(buffer))) > 0) {
      text.append(buffer, static_cast<size_t>(read));
    }
    zip_fclose(file);
  }
  zip_close(archive);
  return text;
}

class DatasetWorkflowTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    clock_dir_ = new std::string(MakeTempDir("gongshu-clock"));
    std::ofstream(*clock_dir_ + "/offset") << 0 << "\n";
    std::string error;
    demo_ = StartDemoServer({{"GONGSHU_TESTING_CLOCK_OFFSET_FILE", *clock_dir_ + "/offset"},
                             {"GONGSHU_RATE_LIMIT_PER_ADDRESS", "0"},
                             {"GONGSHU_RATE_LIMIT_PER_TOKEN", "0"}},
                            &error)
                .release();
    ASSERT_NE(demo_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }

  static void SetClockOffset(int64_t seconds) {
    std::ofstream(*clock_dir_ + "/offset") << seconds << "\n";
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }

  static Headers AuthHeaders(const std::string& role) {
    Headers headers;
    if (role != "anonymous") headers.emplace_back("Authorization", "Bearer " + demo_->tokens[role]);
    return headers;
  }

  HttpResult Call(const std::string& role, const std::string& method, const std::string& target,
                  const nlohmann::json& json = nullptr, nlohmann::json* body = nullptr) {
    Headers headers = AuthHeaders(role);
    std::string payload;
    if (!json.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      payload = json.dump();
    }
    HttpResult result = Send(demo_->server.port(), method, target, headers, payload);
    if (body != nullptr) *body = nlohmann::json::parse(result.body, nullptr, false);
    return result;
  }

  // Uploads `bytes` as `role` and waits for the ingestion to end; returns it.
  nlohmann::json Upload(const std::string& role, const std::string& resource_id,
                        const std::string& bytes, const std::string& options) {
    Headers headers = AuthHeaders(role);
    headers.emplace_back("Content-Type", "application/octet-stream");
    HttpResult started =
        Send(demo_->server.port(), "POST",
             "/api/v1/resources/" + resource_id + "/versions" + options, headers, bytes);
    EXPECT_EQ(started.status, 202) << started.body;
    nlohmann::json ingestion = nlohmann::json::parse(started.body, nullptr, false);
    EXPECT_EQ(started.Header("location"), "/api/v1/ingestions/" + ingestion.value("id", ""));
    for (int attempt = 0; attempt < 500 && ingestion.value("state", "") == "running"; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      Call(role, "GET", "/api/v1/ingestions/" + ingestion.value("id", ""), nullptr, &ingestion);
    }
    return ingestion;
  }

  // The id of the registered resource named exactly `name`.
  std::string ResourceNamed(const std::string& name) {
    nlohmann::json found;
    Call("anonymous", "GET", "/api/v1/resources?q=" + name + "&limit=20", nullptr, &found);
    for (const nlohmann::json& hit : found["items"]) {
      if (hit["name"] == name) return hit["id"];
    }
    return "";
  }

  static std::string* clock_dir_;
  static DemoServer* demo_;
};

std::string* DatasetWorkflowTest::clock_dir_ = nullptr;
DemoServer* DatasetWorkflowTest::demo_ = nullptr;

TEST_F(DatasetWorkflowTest, AGbkFileWithBadRowsIsRefusedWithItsLinesThenTheFixedFileIsPublished) {
  DemoCatalog catalog = GenerateDemoCatalog(kDemoSeed, kDemoResourceCount);
  std::optional<DemoDataset> stops;
  for (const DemoDataset& dataset : DemoDatasets(catalog.resources)) {
    if (dataset.kind == DemoDatasetKind::kBusStops) stops = dataset;
  }
  ASSERT_TRUE(stops.has_value());
  ASSERT_EQ(stops->encoding, "gb18030");
  std::string resource_id = ResourceNamed(stops->resource_name);
  ASSERT_FALSE(resource_id.empty()) << stops->resource_name;
  nlohmann::json versions;
  ASSERT_EQ(
      Call("anonymous", "GET", "/api/v1/resources/" + resource_id + "/versions", nullptr, &versions)
          .status,
      200);
  ASSERT_EQ(versions["items"].size(), 1U);  // the demo's own version

  std::string directory = MakeTempDir("gongshu-upload");
  Result<std::vector<DemoBadRow>> bad_rows =
      WriteDemoDatasetWithBadRows(*stops, directory + "/bad.csv");
  ASSERT_TRUE(bad_rows.ok());
  nlohmann::json refused =
      Upload("provider", resource_id, ReadFile(directory + "/bad.csv"), "?file_name=bad.csv");
  ASSERT_EQ(refused["state"], "refused") << refused.dump();
  const nlohmann::json& report = refused["report"];
  EXPECT_EQ(report["encoding"], "gb18030");
  EXPECT_EQ(report["delimiter"], ",");
  EXPECT_EQ(report["rows_read"], stops->row_count);
  // Every bad row whose value breaks a type or whose fields are missing is reported on its line.
  std::set<std::pair<uint64_t, std::string>> reported;
  for (const nlohmann::json& error : report["errors"]) {
    reported.insert({error["line"].get<uint64_t>(), error["column"].get<std::string>()});
  }
  int expected_errors = 0;
  for (const DemoBadRow& bad : *bad_rows) {
    if (bad.problem.find("empty") != std::string::npos) continue;  // an empty cell is a null
    ++expected_errors;
    bool found = false;
    for (const auto& [line, column] : reported) found = found || line == bad.line;
    EXPECT_TRUE(found) << "line " << bad.line << " (" << bad.problem << ") not reported";
  }
  EXPECT_EQ(report["error_count"], expected_errors);
  EXPECT_NE(refused["message"].get<std::string>().find("nothing was published"), std::string::npos);
  HttpResult csv = Send(demo_->server.port(), "GET",
                        "/api/v1/ingestions/" + refused["id"].get<std::string>() + "/errors.csv",
                        AuthHeaders("provider"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("line,column,value,reason"), std::string::npos);
  EXPECT_NE(csv.body.find("东经119.179825"), std::string::npos) << csv.body;
  Call("anonymous", "GET", "/api/v1/resources/" + resource_id + "/versions", nullptr, &versions);
  EXPECT_EQ(versions["items"].size(), 1U);  // nothing was published

  // The fixed file (new data, same layout) is published as version 2.
  DemoDataset fixed = *stops;
  fixed.seed = kDemoSeed + 1;
  ASSERT_TRUE(WriteDemoDatasetFile(fixed, directory + "/fixed.csv").ok());
  nlohmann::json published =
      Upload("provider", resource_id, ReadFile(directory + "/fixed.csv"), "?note=修正后");
  ASSERT_EQ(published["state"], "published") << published.dump();
  EXPECT_EQ(published["report"]["rows_accepted"], stops->row_count);
  nlohmann::json version;
  ASSERT_EQ(Call("anonymous", "GET", "/api/v1/resources/" + resource_id + "/versions/2", nullptr,
                 &version)
                .status,
            200);
  EXPECT_EQ(version["note"], "修正后");
  EXPECT_EQ(version["content_hash"].get<std::string>().size(), 64U);
  EXPECT_GE(version["quality"]["score"].get<int>(), 90);
  EXPECT_EQ(version["profile"].size(), stops->items.size());
  // The same bytes again are the same version: refused, nothing new.
  nlohmann::json again = Upload("provider", resource_id, ReadFile(directory + "/fixed.csv"), "");
  EXPECT_EQ(again["state"], "refused");
  EXPECT_NE(again["message"].get<std::string>().find("identical to version 2"), std::string::npos);

  // The row API pages through the current version with a filter and a sort.
  std::string cursor;
  std::vector<double> longitudes;
  for (int page = 0; page < 100; ++page) {
    nlohmann::json rows;
    std::string target = "/api/v1/resources/" + resource_id +
                         "/data?has_shelter=true&sort=-longitude&limit=100&fields=stop_id,"
                         "longitude" +
                         (cursor.empty() ? "" : "&cursor=" + cursor);
    ASSERT_EQ(Call("anonymous", "GET", target, nullptr, &rows).status, 200) << rows.dump();
    EXPECT_EQ(rows["version"], 2);
    for (const nlohmann::json& row : rows["rows"]) {
      EXPECT_EQ(row.size(), 2U);
      longitudes.push_back(row["longitude"].get<double>());
    }
    if (rows["next_cursor"].is_null()) break;
    cursor = rows["next_cursor"];
  }
  ASSERT_FALSE(longitudes.empty());
  EXPECT_TRUE(std::is_sorted(longitudes.rbegin(), longitudes.rend()));
  nlohmann::json old_rows;
  ASSERT_EQ(Call("anonymous", "GET", "/api/v1/resources/" + resource_id + "/data?version=1&limit=1",
                 nullptr, &old_rows)
                .status,
            200);
  EXPECT_EQ(old_rows["version"], 1);  // old versions stay readable
}

TEST_F(DatasetWorkflowTest, PersonalDataIsFoundAndNoRawIdentifierLeavesByAnyPath) {
  nlohmann::json resource = {
      {"provider_id", demo_->organization_ids["traffic_org"]},
      {"name", "福州市网约车驾驶员服务评价"},
      {"summary", "网约车驾驶员的服务评价，按区汇总发布。"},
      {"classification", {{"category", "主题"}, {"subject", "交通运输"}}},
      {"themes", {"transport"}},
      {"formats", {"csv"}},
      {"items",
       {{{"name", "person_name"},
         {"title", "姓名"},
         {"type", "string"},
         {"sensitivity", "general-3"},
         {"personal", "direct_identifier"}},
        {{"name", "id_number"},
         {"title", "公民身份号码"},
         {"type", "string"},
         {"sensitivity", "general-4"},
         {"personal", "direct_identifier"}},
        {{"name", "mobile"},
         {"title", "手机号码"},
         {"type", "string"},
         {"sensitivity", "general-3"},
         {"personal", "direct_identifier"}},
        {{"name", "district"},
         {"title", "所属区"},
         {"type", "string"},
         {"sensitivity", "general-1"},
         {"personal", "quasi_identifier"}},
        {{"name", "rating"},
         {"title", "服务评分"},
         {"type", "decimal"},
         {"sensitivity", "general-1"}}}},
      {"sharing", {{"attribute", "unconditional"}}},
      // Direct identifiers may be opened unconditionally only once a policy is in force.
      {"opening", {{"attribute", "conditional"}, {"conditions", "经审核的研究用途"}}},
      {"update_cycle", "monthly"},
      {"license", "CC-BY-4.0"},
      {"contact", {{"name", "数据科"}, {"phone", "0591-00000000"}}},
      {"grading", {{"grade", "general-4"}, {"basis", "含敏感个人信息"}}}};
  nlohmann::json created;
  ASSERT_EQ(Call("provider", "POST", "/api/v1/resources", resource, &created).status, 201)
      << created.dump();
  std::string resource_id = created["id"];

  // 30 drivers in three districts, with valid citizen IDs and mobiles.
  const std::vector<std::string> surnames = {"陈", "林", "黄", "张", "李", "王"};
  const std::vector<std::string> given = {"明", "华", "芳", "强", "丽", "伟", "静", "磊"};
  const std::vector<std::string> districts = {"鼓楼区", "台江区", "仓山区"};
  std::vector<std::string> raw;  // every direct identifier in the file
  std::string csv = "person_name,id_number,mobile,district,rating\n";
  for (int index = 0; index < 30; ++index) {
    std::string name = surnames[index % 6] + given[index % 8] + given[(index * 3 + 1) % 8];
    char body[18];
    std::snprintf(body, sizeof(body), "350102%04d%02d%02d%03d", 1970 + index, 1 + index % 12,
                  1 + index % 28, 100 + index);
    std::string id = CitizenId(body);
    std::string mobile = "139" + std::to_string(50000000 + index * 7919);
    raw.insert(raw.end(), {name, id, mobile});
    csv += name + "," + id + "," + mobile + "," + districts[index % 3] + "," +
           std::to_string(3 + index % 3) + ".5\n";
  }
  // Data can be uploaded before registration; its provider sees it.
  nlohmann::json ingestion = Upload("provider", resource_id, csv, "?file_name=drivers.csv");
  ASSERT_EQ(ingestion["state"], "published") << ingestion.dump();
  nlohmann::json version;
  ASSERT_EQ(
      Call("provider", "GET", "/api/v1/resources/" + resource_id + "/versions/1", nullptr, &version)
          .status,
      200);
  std::map<std::string, std::string> kinds;
  for (const nlohmann::json& finding : version["personal_data"]) {
    kinds[finding["column"]] = finding["kind"];
    EXPECT_GT(finding["confidence"].get<double>(), 0.5);
  }
  EXPECT_EQ(kinds["id_number"], "citizen_id");
  EXPECT_EQ(kinds["mobile"], "mobile");
  EXPECT_EQ(kinds["person_name"], "name");
  EXPECT_EQ(kinds.count("rating"), 0U);
  EXPECT_TRUE(version["quality"]["score"].is_number());
  // Anonymous users see nothing of a draft's data.
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/resources/" + resource_id + "/data").status, 404);
  auto assert_no_raw = [&](const std::string& body, const std::string& what) {
    for (const std::string& value : raw) {
      EXPECT_EQ(body.find(value), std::string::npos) << what << " leaks " << value;
    }
  };
  std::string data_path = "/api/v1/resources/" + resource_id;
  // Before any policy is stored, the one suggested from what was found is in force, for the
  // provider too.
  HttpResult suggested = Call("provider", "GET", data_path + "/data?limit=100");
  ASSERT_EQ(suggested.status, 200) << suggested.body;
  assert_no_raw(suggested.body, "the row API under the suggested policy");
  nlohmann::json problem;
  // The provider stores a policy: pseudonyms for mobiles, k-anonymity over the district.
  nlohmann::json view;
  ASSERT_EQ(Call("provider", "GET", data_path + "/deidentification", nullptr, &view).status, 200);
  EXPECT_EQ(view["revision"], 0);
  EXPECT_TRUE(view["suggested"].get<bool>());
  nlohmann::json policy = {
      {"fields",
       {{{"field", "id_number"}, {"method", "mask"}, {"keep_first", 6}, {"keep_last", 4}},
        {{"field", "mobile"}, {"method", "pseudonymize"}},
        {{"field", "person_name"}, {"method", "mask"}, {"keep_first", 1}, {"keep_last", 0}},
        // A band of a decimal column is text, not a number, in JSON answers.
        {{"field", "rating"}, {"method", "generalize"}, {"to", "band"}, {"width", 10}}}},
      {"quasi_identifiers", {"district"}},
      {"k", 50}};
  ASSERT_EQ(Call("provider", "PUT", data_path + "/deidentification",
                 {{"revision", 0}, {"policy", policy}}, &problem)
                .status,
            422)
      << problem.dump();
  EXPECT_NE(problem["detail"].get<std::string>().find("smallest class"), std::string::npos);
  policy["k"] = 5;
  ASSERT_EQ(Call("provider", "PUT", data_path + "/deidentification",
                 {{"revision", 0}, {"policy", policy}}, &view)
                .status,
            200)
      << view.dump();
  EXPECT_EQ(view["revision"], 1);
  EXPECT_EQ(view["anonymity"]["smallest_class_size"], 10);
  // With a policy in force the resource may be opened unconditionally.
  nlohmann::json current;
  ASSERT_EQ(Call("provider", "GET", data_path, nullptr, &current).status, 200);
  EXPECT_TRUE(current["has_deidentification_policy"].get<bool>());
  nlohmann::json patched;
  ASSERT_EQ(Call("provider", "PATCH", data_path,
                 {{"version", current["version"]},
                  {"reason", "去标识化后无条件开放"},
                  {"opening", {{"attribute", "unconditional"}}}},
                 &patched)
                .status,
            200)
      << patched.dump();

  // Registered (the clock moved past publicity), it is open to everyone.
  nlohmann::json registration;
  ASSERT_EQ(Call("provider", "POST", "/api/v1/resources/" + resource_id + "/registrations",
                 {{"type", "initial"}}, &registration)
                .status,
            201);
  std::string registration_id = registration["id"];
  for (const char* step : {"accept", "review", "publish"}) {
    ASSERT_EQ(
        Call("platform_admin", "POST", "/api/v1/registrations/" + registration_id + "/" + step)
            .status,
        200)
        << step;
  }
  SetClockOffset(20 * 24 * 3600);
  ASSERT_EQ(
      Call("platform_admin", "POST", "/api/v1/registrations/" + registration_id + "/code").status,
      200);

  HttpResult rows = Call("anonymous", "GET", data_path + "/data?limit=100");
  ASSERT_EQ(rows.status, 200) << rows.body;
  assert_no_raw(rows.body, "the row API");
  nlohmann::json page = nlohmann::json::parse(rows.body);
  ASSERT_EQ(page["rows"].size(), 30U);
  std::string masked_id = page["rows"][0]["id_number"];
  EXPECT_EQ(masked_id.substr(0, 6), "350102");
  EXPECT_EQ(masked_id.substr(6, 8), "********");
  EXPECT_EQ(masked_id.size(), 18U);
  for (const char* format : {"csv", "json"}) {
    HttpResult download =
        Call("anonymous", "GET", data_path + "/download?format=" + std::string(format));
    ASSERT_EQ(download.status, 200) << format;
    EXPECT_NE(download.body.find("350102"), std::string::npos) << format;
    assert_no_raw(download.body, std::string("the ") + format + " download");
  }
  HttpResult xlsx = Call("anonymous", "GET", data_path + "/download?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  std::string workbook = XlsxText(xlsx.body);
  ASSERT_NE(workbook.find("350102"), std::string::npos);
  assert_no_raw(workbook, "the XLSX download");
  // The CKAN DataStore API reads the same release, by the CKAN resource id of the CSV.
  HttpResult datastore =
      Call("anonymous", "GET",
           "/api/3/action/datastore_search?limit=100&resource_id=" + resource_id + ".csv");
  ASSERT_EQ(datastore.status, 200) << datastore.body;
  assert_no_raw(datastore.body, "datastore_search");
  nlohmann::json ckan = nlohmann::json::parse(datastore.body);
  EXPECT_TRUE(ckan["success"].get<bool>());
  EXPECT_EQ(ckan["result"]["total"], 30);
  EXPECT_EQ(ckan["result"]["records"].size(), 30U);
  EXPECT_EQ(ckan["result"]["fields"][0]["id"], "_id");
  EXPECT_EQ(ckan["result"]["records"][0]["_id"], 1);
  nlohmann::json filtered;
  ASSERT_EQ(Call("anonymous", "POST", "/api/3/action/datastore_search",
                 {{"resource_id", resource_id},
                  {"filters", {{"district", {"鼓楼区", "台江区"}}}},
                  {"fields", "district"},
                  {"sort", "district desc"},
                  {"limit", 5},
                  {"offset", 15}},
                 &filtered)
                .status,
            200)
      << filtered.dump();
  EXPECT_EQ(filtered["result"]["total"], 20);
  ASSERT_EQ(filtered["result"]["records"].size(), 5U);
  EXPECT_EQ(filtered["result"]["records"][0]["district"], "台江区");  // 10 鼓楼区 then 台江区
  EXPECT_EQ(filtered["result"]["records"][0].size(), 2U);             // _id and district
  nlohmann::json refused;
  Call("anonymous", "GET",
       "/api/3/action/datastore_search?resource_id=" + resource_id +
           "&filters=%7B%22id_number%22%3A%22x%22%7D",
       nullptr, &refused);
  EXPECT_FALSE(refused["success"].get<bool>());
  // The profile shown to the public withholds the values of personal columns.
  HttpResult public_version = Call("anonymous", "GET", data_path + "/versions/1");
  assert_no_raw(public_version.body, "the public version profile");
  // A de-identified column can be neither filtered nor sorted on (that would reveal it).
  EXPECT_EQ(
      Call("anonymous", "GET", data_path + "/data?id_number=" + raw[1], nullptr, &problem).status,
      400);
  EXPECT_EQ(problem["errors"][0]["field"], "id_number");
  // Filters and paging on released columns.
  std::string cursor;
  size_t gulou = 0;
  for (int index = 0; index < 20; ++index) {
    nlohmann::json part;
    ASSERT_EQ(Call("anonymous", "GET",
                   data_path + "/data?district=%E9%BC%93%E6%A5%BC%E5%8C%BA&limit=3&sort=-district" +
                       (cursor.empty() ? "" : "&cursor=" + cursor),
                   nullptr, &part)
                  .status,
              200);
    for (const nlohmann::json& row : part["rows"]) {
      EXPECT_EQ(row["district"], "鼓楼区");
      ++gulou;
    }
    if (part["next_cursor"].is_null()) break;
    cursor = part["next_cursor"];
  }
  EXPECT_EQ(gulou, 10U);

  EXPECT_EQ(page["rows"][0]["rating"], "0-9");
  HttpResult json_download = Call("anonymous", "GET", data_path + "/download?format=json");
  ASSERT_EQ(json_download.status, 200);
  EXPECT_FALSE(nlohmann::json::parse(json_download.body, nullptr, false).is_discarded());
  std::string token = page["rows"][0]["mobile"];
  EXPECT_EQ(token.size(), 32U);
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
  nlohmann::json stats;
  ASSERT_EQ(Call("anonymous", "GET", data_path + "/stats", nullptr, &stats).status, 200);
  EXPECT_GE(stats["downloads"].get<int>(), 3);
  EXPECT_GE(stats["api_calls"].get<int>(), 2);
  SetClockOffset(0);
}

TEST_F(DatasetWorkflowTest, ConditionalDataIsAppliedForApprovedAndReadWithTheIssuedCredential) {
  nlohmann::json resource = {
      {"provider_id", demo_->organization_ids["traffic_org"]},
      {"name", "福州市公交IC卡刷卡客流统计"},
      {"summary", "公交线路按小时的刷卡客流量，仅供研究使用。"},
      {"classification", {{"category", "主题"}, {"subject", "交通运输"}}},
      {"themes", {"transport"}},
      {"formats", {"csv"}},
      {"items",
       {{{"name", "route"}, {"title", "线路"}, {"type", "string"}, {"sensitivity", "general-2"}},
        {{"name", "hour"}, {"title", "时段"}, {"type", "integer"}, {"sensitivity", "general-2"}},
        {{"name", "riders"},
         {"title", "刷卡人次"},
         {"type", "integer"},
         {"sensitivity", "general-2"}}}},
      {"sharing", {{"attribute", "unconditional"}}},
      {"opening", {{"attribute", "conditional"}, {"conditions", "用于交通研究，需签署使用协议"}}},
      {"update_cycle", "monthly"},
      {"license", "CC-BY-4.0"},
      {"contact", {{"name", "数据科"}, {"phone", "0591-00000000"}}},
      {"grading", {{"grade", "general-2"}, {"basis", "客流统计"}}}};
  nlohmann::json created;
  ASSERT_EQ(Call("provider", "POST", "/api/v1/resources", resource, &created).status, 201)
      << created.dump();
  std::string resource_id = created["id"];
  std::string csv = "route,hour,riders\n";
  for (int hour = 6; hour < 22; ++hour) {
    csv += "1路," + std::to_string(hour) + "," + std::to_string(100 + hour * 7) + "\n";
  }
  ASSERT_EQ(Upload("provider", resource_id, csv, "")["state"], "published");
  nlohmann::json registration;
  ASSERT_EQ(Call("provider", "POST", "/api/v1/resources/" + resource_id + "/registrations",
                 {{"type", "initial"}}, &registration)
                .status,
            201);
  for (const char* step : {"accept", "review", "publish"}) {
    ASSERT_EQ(Call("platform_admin", "POST",
                   "/api/v1/registrations/" + registration["id"].get<std::string>() + "/" + step)
                  .status,
              200);
  }
  SetClockOffset(20 * 24 * 3600);
  ASSERT_EQ(Call("platform_admin", "POST",
                 "/api/v1/registrations/" + registration["id"].get<std::string>() + "/code")
                .status,
            200);
  std::string data_path = "/api/v1/resources/" + resource_id + "/data";
  // Without an approved application nobody outside the provider reads it.
  EXPECT_EQ(Call("anonymous", "GET", data_path).status, 403);
  EXPECT_EQ(Call("consumer", "GET", data_path).status, 403);
  EXPECT_EQ(Call("anonymous", "POST", "/api/v1/resources/" + resource_id + "/applications",
                 {{"purpose", "x"}})
                .status,
            401);

  // A consumer applies for two of the three fields.
  nlohmann::json body = {{"purpose", "研究早晚高峰客流分布"},
                         {"fields", {"hour", "riders"}},
                         {"period", {{"start", "2020-01-01"}, {"end", "2099-12-31"}}}};
  nlohmann::json problem;
  ASSERT_EQ(
      Call("consumer", "POST", "/api/v1/resources/" + resource_id + "/applications", body, &problem)
          .status,
      400);  // a period over a year
  EXPECT_EQ(problem["errors"][0]["field"], "period.end");
  // Any period of a year that includes the server's (moved) today: from a week ago.
  auto now = std::chrono::system_clock::now() + std::chrono::hours(24 * 20 + 8);
  auto day = [](std::chrono::system_clock::time_point time) {
    std::chrono::year_month_day date(std::chrono::floor<std::chrono::days>(time));
    char text[11];
    std::snprintf(text, sizeof(text), "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return std::string(text);
  };
  body["period"] = {{"start", day(now - std::chrono::hours(24 * 7))},
                    {"end", day(now + std::chrono::hours(24 * 60))}};
  nlohmann::json application;
  ASSERT_EQ(Call("consumer", "POST", "/api/v1/resources/" + resource_id + "/applications", body,
                 &application)
                .status,
            201)
      << application.dump();
  std::string application_id = application["id"];
  EXPECT_EQ(application["state"], "submitted");
  EXPECT_FALSE(application["decision_due"].get<std::string>().empty());
  EXPECT_FALSE(application["overdue"].get<bool>());
  // The provider sees it in their list; another provider's organization does not decide it.
  nlohmann::json listed;
  ASSERT_EQ(
      Call("provider", "GET", "/api/v1/applications?state=submitted", nullptr, &listed).status,
      200);
  bool found = false;
  for (const nlohmann::json& item : listed["items"]) found = found || item["id"] == application_id;
  EXPECT_TRUE(found);
  EXPECT_EQ(Call("consumer", "POST", "/api/v1/applications/" + application_id + "/approve").status,
            403);
  // No credential before approval.
  EXPECT_EQ(
      Call("consumer", "POST", "/api/v1/applications/" + application_id + "/credential").status,
      422);
  nlohmann::json decided;
  ASSERT_EQ(Call("provider", "POST", "/api/v1/applications/" + application_id + "/approve",
                 {{"reason", "用途明确"}}, &decided)
                .status,
            200)
      << decided.dump();
  EXPECT_EQ(decided["state"], "approved");
  EXPECT_EQ(Call("provider", "POST", "/api/v1/applications/" + application_id + "/reject",
                 {{"reason", "改变主意"}})
                .status,
            422);  // decided once
  nlohmann::json mine;
  ASSERT_EQ(
      Call("consumer", "GET", "/api/v1/applications/" + application_id, nullptr, &mine).status,
      200);
  EXPECT_EQ(mine["state"], "approved");

  // The applicant collects the credential and reads the granted fields with it.
  nlohmann::json credential;
  ASSERT_EQ(Call("consumer", "POST", "/api/v1/applications/" + application_id + "/credential",
                 nullptr, &credential)
                .status,
            201)
      << credential.dump();
  EXPECT_EQ(credential["scopes"], nlohmann::json::array({"dataset.read"}));
  HttpResult rows = Send(demo_->server.port(), "GET", data_path + "?sort=-riders&limit=3",
                         {{"Authorization", "Bearer " + credential["secret"].get<std::string>()}});
  ASSERT_EQ(rows.status, 200) << rows.body;
  nlohmann::json page = nlohmann::json::parse(rows.body);
  ASSERT_EQ(page["rows"].size(), 3U);
  EXPECT_EQ(page["rows"][0]["riders"], 100 + 21 * 7);
  EXPECT_FALSE(page["rows"][0].contains("route"));  // not granted
  EXPECT_EQ(Send(demo_->server.port(), "GET", data_path + "?route=1%E8%B7%AF",
                 {{"Authorization", "Bearer " + credential["secret"].get<std::string>()}})
                .status,
            400);
  HttpResult download =
      Send(demo_->server.port(), "GET", "/api/v1/resources/" + resource_id + "/download?format=csv",
           {{"Authorization", "Bearer " + credential["secret"].get<std::string>()}});
  ASSERT_EQ(download.status, 200);
  EXPECT_NE(download.body.find("hour,riders\r\n"), std::string::npos) << download.body;
  EXPECT_EQ(download.body.find("1路"), std::string::npos);
  // The credential does nothing else.
  EXPECT_EQ(Send(demo_->server.port(), "GET", "/api/v1/me",
                 {{"Authorization", "Bearer " + credential["secret"].get<std::string>()}})
                .status,
            403);
  SetClockOffset(0);
}

// The id of the demo's 福州市公交站点信息 (it has a data version), found by search; empty if not.
std::string DemoBusStops(uint16_t port) {
  nlohmann::json found = nlohmann::json::parse(
      Send(port, "GET", "/api/v1/resources?q=%E5%85%AC%E4%BA%A4%E7%AB%99%E7%82%B9&limit=50").body,
      nullptr, false);
  for (const nlohmann::json& hit : found["items"]) {
    if (hit["name"] == "福州市公交站点信息") return hit["id"];
  }
  return "";
}

// Opens a connection and sends `bytes` without waiting for an answer; returns the socket.
int SendWithoutWaiting(uint16_t port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) return -1;
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t written = write(fd, bytes.data() + sent, bytes.size() - sent);
    if (written <= 0) break;
    sent += static_cast<size_t>(written);
  }
  return fd;
}

// Files in `directory` (recursively) other than published version files.
std::vector<std::string> Leftovers(const std::string& directory) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (name.size() == 64 + 7 && name.substr(64) == ".sqlite") continue;
    found.push_back(entry.path().string());
  }
  return found;
}

TEST(DatasetCrashTest, KillDuringAnUploadOrItsReadingLeavesNoPartialVersion) {
  signal(SIGPIPE, SIG_IGN);  // the server dies under our writes on purpose
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  std::string token = demo->tokens["provider"];
  std::string resource_id = DemoBusStops(port);
  ASSERT_FALSE(resource_id.empty());
  std::string versions_path = "/api/v1/resources/" + resource_id + "/versions";

  // 1,000,000 rows (about 50 MB): reading them takes long enough to be interrupted.
  std::string csv = "stop_id,stop_name,longitude,latitude,route_names,has_shelter\n";
  for (int row = 0; row < 1000000; ++row) {
    csv += "C" + std::to_string(row) + ",站点" + std::to_string(row) + ",119." +
           std::to_string(100000 + row) + ",26.05,1路,true\n";
  }
  std::string head = "POST " + versions_path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                     token + "\r\nContent-Length: " + std::to_string(csv.size()) + "\r\n\r\n";

  // 1. Killed while the body is still arriving.
  int half = SendWithoutWaiting(port, head + csv.substr(0, csv.size() / 2));
  ASSERT_GE(half, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  demo->server.Signal(SIGKILL);
  close(half);
  ServerProcess restarted;
  ASSERT_TRUE(restarted.Start(demo->data_dir, {}, &error)) << error;
  HttpResult listed = Send(restarted.port(), "GET", versions_path);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(nlohmann::json::parse(listed.body)["items"].size(), 1U);
  EXPECT_TRUE(Leftovers(demo->data_dir + "/datasets").empty());

  // 2. Killed after the upload was acknowledged, while it is being read and written.
  HttpResult accepted =
      Send(restarted.port(), "POST", versions_path, {{"Authorization", "Bearer " + token}}, csv);
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  std::string ingestion_id = nlohmann::json::parse(accepted.body)["id"];
  restarted.Signal(SIGKILL);
  ServerProcess again;
  ASSERT_TRUE(again.Start(demo->data_dir, {}, &error)) << error;
  nlohmann::json ingestion =
      nlohmann::json::parse(Send(again.port(), "GET", "/api/v1/ingestions/" + ingestion_id,
                                 {{"Authorization", "Bearer " + token}})
                                .body);
  // The upload was acknowledged, so it is not lost: whether or not the kill came before it was
  // read, the restarted server publishes it once, whole.
  for (int attempt = 0; attempt < 600 && ingestion.value("state", "") == "running"; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ingestion =
        nlohmann::json::parse(Send(again.port(), "GET", "/api/v1/ingestions/" + ingestion_id,
                                   {{"Authorization", "Bearer " + token}})
                                  .body);
  }
  EXPECT_EQ(ingestion["state"], "published") << ingestion.dump();
  EXPECT_EQ(ingestion["report"]["rows_accepted"], 1000000);
  listed = Send(again.port(), "GET", versions_path);
  ASSERT_EQ(nlohmann::json::parse(listed.body)["items"].size(), 2U);
  EXPECT_TRUE(Leftovers(demo->data_dir + "/datasets").empty());
  HttpResult rows = Send(again.port(), "GET", "/api/v1/resources/" + resource_id + "/data");
  EXPECT_EQ(rows.status, 200);

  // Long reads (sorted pages over the 1,000,000 rows) do not hold up other requests: a health
  // check sent after them is answered before they all are.
  std::atomic<int> long_done{0};
  std::vector<std::thread> readers;
  for (int reader = 0; reader < 4; ++reader) {
    readers.emplace_back([&, reader] {
      Send(again.port(), "GET",
           "/api/v1/resources/" + resource_id +
               "/data?sort=-stop_name&limit=10&stop_id__ne=" + std::to_string(reader));
      ++long_done;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Send(again.port(), "GET", "/healthz").status, 200);
  EXPECT_LT(long_done.load(), 4);
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(long_done.load(), 4);
}

TEST(DatasetQuotaTest, AnonymousDataReadsHaveAnHourlyQuotaPerAddress) {
  std::string error;
  std::unique_ptr<DemoServer> demo =
      StartDemoServer({{"GONGSHU_DATASETS_ANONYMOUS_REQUESTS_PER_HOUR", "3"}}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  std::string resource_id = DemoBusStops(port);
  ASSERT_FALSE(resource_id.empty());
  std::string data = "/api/v1/resources/" + resource_id + "/data?limit=1";
  EXPECT_EQ(Send(port, "GET", data).status, 200);
  EXPECT_EQ(Send(port, "GET", "/api/v1/resources/" + resource_id + "/download").status, 200);
  EXPECT_EQ(Send(port, "GET", "/api/3/action/datastore_search?resource_id=" + resource_id).status,
            200);
  HttpResult over = Send(port, "GET", data);
  EXPECT_EQ(over.status, 429) << over.body;
  EXPECT_FALSE(over.Header("retry-after").empty());
  // Metadata stays free, and a signed-in user has no such quota.
  EXPECT_EQ(Send(port, "GET", "/api/v1/resources/" + resource_id + "/versions").status, 200);
  EXPECT_EQ(
      Send(port, "GET", data, {{"Authorization", "Bearer " + demo->tokens["consumer"]}}).status,
      200);
}

}  // namespace
}  // namespace gongshu::testing
