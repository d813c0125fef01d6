// Tests of demo/demo_datasets.h: which resources get data, and that the files are what an upload
// needs (columns = items, values in their types' spelling, valid identifiers, encodings).
#include "demo/demo_datasets.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <unicode/unistr.h>
#include <zip.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/testing/table.h"
#include "common/testing/temp_dir.h"
#include "common/utf8.h"
#include "identity/division_code.h"
#include "identity/uscc.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

const DemoCatalog& Demo() {
  static const DemoCatalog* const kDemo =
      new DemoCatalog(GenerateDemoCatalog(kDemoSeed, kDemoResourceCount));
  return *kDemo;
}

const std::vector<DemoDataset>& Datasets() {
  static const std::vector<DemoDataset>* const kDatasets =
      new std::vector<DemoDataset>(DemoDatasets(Demo().resources));
  return *kDatasets;
}

std::optional<DemoDatasetKind> KindNamed(std::string_view name) {
  for (DemoDatasetKind kind :
       {DemoDatasetKind::kEnterprises, DemoDatasetKind::kBusStops, DemoDatasetKind::kAirQuality,
        DemoDatasetKind::kHospitals, DemoDatasetKind::kDrivers}) {
    if (DemoDatasetKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

// The demo's dataset of `kind`; fails the test when there is none.
const DemoDataset* DatasetOf(DemoDatasetKind kind) {
  for (const DemoDataset& dataset : Datasets()) {
    if (dataset.kind == kind) return &dataset;
  }
  ADD_FAILURE() << "no dataset of kind " << DemoDatasetKindName(kind);
  return nullptr;
}

DemoTable TableOf(const DemoDataset& dataset) {
  Result<DemoTable> table = GenerateDemoTable(dataset);
  EXPECT_TRUE(table.ok()) << table.status().message();
  return table.ok() ? *table : DemoTable{};
}

size_t ColumnOf(const DemoTable& table, std::string_view name) {
  for (size_t column = 0; column < table.columns.size(); ++column) {
    if (table.columns[column] == name) return column;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// Bytes in `codepage` as UTF-8, through ICU's converter of that name.
std::string Decode(const std::string& bytes, const char* codepage) {
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), codepage);
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

// RFC 4180 records (the test's own reader): quoted fields with doubled quotes; CRLF or LF.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (size_t index = 0; index < text.size(); ++index) {
    char symbol = text[index];
    if (quoted) {
      if (symbol == '"' && index + 1 < text.size() && text[index + 1] == '"') {
        field += '"';
        ++index;
      } else if (symbol == '"') {
        quoted = false;
      } else {
        field += symbol;
      }
    } else if (symbol == '"') {
      quoted = true;
    } else if (symbol == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (symbol == '\r' || symbol == '\n') {
      if (symbol == '\r' && index + 1 < text.size() && text[index + 1] == '\n') ++index;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += symbol;
    }
  }
  if (!field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

// The text of a CSV file as UTF-8, by its declared encoding.
std::string CsvFileText(const DemoDataset& dataset, const std::string& bytes) {
  if (dataset.encoding == "gb18030") return Decode(bytes, "GB18030");
  if (dataset.encoding == "utf-8-bom") {
    EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
    return bytes.substr(3);
  }
  return bytes;
}

// A real calendar date "YYYY-MM-DD".
bool IsRealDate(std::string_view text) {
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(text.begin(), text.end(), kDate)) return false;
  std::chrono::year_month_day date{std::chrono::year(std::stoi(std::string(text.substr(0, 4)))),
                                   std::chrono::month(std::stoi(std::string(text.substr(5, 2)))),
                                   std::chrono::day(std::stoi(std::string(text.substr(8, 2))))};
  return date.ok();
}

// Whether `text` is a value of `type` in the spelling uploads accept, written here from the
// description in tabular/column_type.h (CheckCellType).
bool FitsType(ItemType type, const std::string& text) {
  static const std::regex kInteger("-?(0|[1-9][0-9]*)");
  static const std::regex kDecimal(R"(-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
  static const std::regex kDateTime(R"(\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d)");
  switch (type) {
    case ItemType::kString:
      return true;
    case ItemType::kInteger:
      return std::regex_match(text, kInteger);
    case ItemType::kDecimal:
      return std::regex_match(text, kDecimal);
    case ItemType::kBoolean:
      return text == "true" || text == "false";
    case ItemType::kDate:
      return IsRealDate(text);
    case ItemType::kDateTime:
      return std::regex_match(text, kDateTime) && IsRealDate(std::string_view(text).substr(0, 10));
  }
  return false;
}

// GB 11643-1999: ISO 7064 MOD 11-2 in its recursive form (P = (P + digit) * 2 mod 11 over the
// 17 digits; the check c makes P + c ≡ 1 mod 11), independent of the weights table the code uses.
bool CitizenIdChecks(std::string_view id) {
  static const std::regex kForm(R"(\d{17}[\dX])");
  if (!std::regex_match(id.begin(), id.end(), kForm)) return false;
  int remainder = 0;
  for (size_t index = 0; index < 17; ++index) remainder = (remainder + (id[index] - '0')) * 2 % 11;
  int check = (12 - remainder) % 11;
  return id[17] == (check == 10 ? 'X' : static_cast<char>('0' + check));
}

// GB 32100-2015 check character, by the standard's alphabet and weights.
char StandardUsccCheck(std::string_view first17) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (size_t index = 0; index < 17; ++index) {
    sum += static_cast<int>(kAlphabet.find(first17[index])) * kWeights[index];
  }
  int check = 31 - sum % 31;
  return kAlphabet[check == 31 ? 0 : check];
}

// A concentration "35.1" in tenths (351).
int64_t Tenths(const std::string& text) {
  size_t point = text.find('.');
  if (point == std::string::npos) return std::stoll(text) * 10;
  return std::stoll(text.substr(0, point)) * 10 + (text[point + 1] - '0');
}

// HJ 633-2012 IAQI as the least integer I with I ≥ IL + (IH - IL)(C - BL)/(BH - BL), searched in
// integers, independent of the code's formula.
int64_t StandardIaqi(const std::string& pollutant, int64_t tenths) {
  static const std::map<std::string, std::vector<int64_t>> kLimits = {
      {"pm25", {0, 35, 75, 115, 150, 250, 350, 500}},
      {"pm10", {0, 50, 150, 250, 350, 420, 500, 600}},
      {"so2", {0, 150, 500, 650, 800, 1600, 2100, 2620}},
      {"no2", {0, 100, 200, 700, 1200, 2340, 3090, 3840}},
      {"co", {0, 5, 10, 35, 60, 90, 120, 150}},
      {"o3", {0, 160, 200, 300, 400, 800, 1000, 1200}}};
  static const std::vector<int64_t> kIaqi = {0, 50, 100, 150, 200, 300, 400, 500};
  const std::vector<int64_t>& limits = kLimits.at(pollutant);
  for (size_t step = 1; step < limits.size(); ++step) {
    if (tenths > limits[step] * 10) continue;
    for (int64_t iaqi = kIaqi[step - 1];; ++iaqi) {
      if ((iaqi - kIaqi[step - 1]) * (limits[step] - limits[step - 1]) * 10 >=
          (kIaqi[step] - kIaqi[step - 1]) * (tenths - limits[step - 1] * 10)) {
        return iaqi;
      }
    }
  }
  return 500;
}

// ---- XLSX reading for the tests: libzip for the container, a plain scan of the XML libxlsxwriter
// writes (attributes in double quotes, no nesting inside <c>).

std::optional<std::string> ZipEntry(const std::string& path, const char* name) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) return std::nullopt;
  zip_stat_t stat;
  std::optional<std::string> contents;
  if (zip_stat(archive, name, 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(archive, name, 0);
    if (file != nullptr) {
      std::string bytes(stat.size, '\0');
      if (zip_fread(file, bytes.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) {
        contents = std::move(bytes);
      }
      zip_fclose(file);
    }
  }
  zip_close(archive);
  return contents;
}

std::string Attribute(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t start = tag.find(key);
  if (start == std::string_view::npos) return "";
  start += key.size();
  return std::string(tag.substr(start, tag.find('"', start) - start));
}

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t index = 0; index < text.size(); ++index) {
    if (text[index] != '&') {
      out += text[index];
      continue;
    }
    size_t end = text.find(';', index);
    std::string_view entity = text.substr(index + 1, end - index - 1);
    out += entity == "amp"    ? "&"
           : entity == "lt"   ? "<"
           : entity == "gt"   ? ">"
           : entity == "quot" ? "\""
                              : "'";
    index = end;
  }
  return out;
}

std::vector<std::string> SharedStrings(const std::string& xml) {
  std::vector<std::string> strings;
  for (size_t start = xml.find("<si>"); start != std::string::npos;
       start = xml.find("<si>", start)) {
    size_t end = xml.find("</si>", start);
    size_t text = xml.find("<t", start);
    text = xml.find('>', text) + 1;
    strings.push_back(Unescape(std::string_view(xml).substr(text, xml.find("</t>", text) - text)));
    start = end;
  }
  return strings;
}

struct SheetCell {
  size_t row = 0;     // 1-based
  size_t column = 0;  // 0-based
  std::string type;   // t attribute: "s" shared string, "b" boolean, "" number
  std::string style;  // s attribute
  std::string value;  // <v>
};

std::vector<SheetCell> SheetCells(const std::string& xml) {
  std::vector<SheetCell> cells;
  for (size_t start = xml.find("<c "); start != std::string::npos; start = xml.find("<c ", start)) {
    size_t tag_end = xml.find('>', start);
    std::string_view tag = std::string_view(xml).substr(start, tag_end - start);
    SheetCell cell;
    std::string reference = Attribute(tag, "r");
    size_t letters = reference.find_first_of("0123456789");
    for (size_t index = 0; index < letters; ++index) {
      cell.column = cell.column * 26 + (reference[index] - 'A' + 1);
    }
    cell.column -= 1;
    cell.row = std::stoul(reference.substr(letters));
    cell.type = Attribute(tag, "t");
    cell.style = Attribute(tag, "s");
    if (tag.back() != '/') {
      size_t close = xml.find("</c>", tag_end);
      size_t value = xml.find("<v>", tag_end);
      if (value != std::string::npos && value < close) {
        value += 3;
        cell.value = xml.substr(value, xml.find("</v>", value) - value);
      }
      tag_end = close;
    }
    cells.push_back(cell);
    start = tag_end;
  }
  return cells;
}

// Days from 1899-12-30 (Excel's day 0 in the 1900 system, past its 1900 leap-year bug) to `date`.
int64_t ExcelSerial(std::string_view date) {
  std::chrono::sys_days day =
      std::chrono::year_month_day{std::chrono::year(std::stoi(std::string(date.substr(0, 4)))),
                                  std::chrono::month(std::stoi(std::string(date.substr(5, 2)))),
                                  std::chrono::day(std::stoi(std::string(date.substr(8, 2))))};
  std::chrono::sys_days epoch = std::chrono::year_month_day{
      std::chrono::year(1899), std::chrono::month(12), std::chrono::day(30)};
  return (day - epoch).count();
}

// The header and data rows of a written file, whatever its format, as text.
struct FileContents {
  std::vector<std::string> header;
  size_t data_rows = 0;
};

FileContents ReadContents(const DemoDataset& dataset, const std::string& path) {
  FileContents contents;
  const std::string bytes = ReadFile(path);
  if (dataset.format == "csv") {
    std::vector<std::vector<std::string>> records = ParseCsv(CsvFileText(dataset, bytes));
    if (records.empty()) return contents;
    contents.header = records.front();
    contents.data_rows = records.size() - 1;
  } else if (dataset.format == "ndjson") {
    std::istringstream lines(bytes);
    for (std::string line; std::getline(lines, line);) {
      nlohmann::ordered_json object = nlohmann::ordered_json::parse(line);
      if (contents.data_rows++ == 0) {
        for (const auto& [key, value] : object.items()) contents.header.push_back(key);
      }
    }
  } else if (dataset.format == "xlsx") {
    std::optional<std::string> sheet = ZipEntry(path, "xl/worksheets/sheet1.xml");
    std::optional<std::string> strings = ZipEntry(path, "xl/sharedStrings.xml");
    if (!sheet || !strings) return contents;
    std::vector<std::string> shared = SharedStrings(*strings);
    std::set<size_t> rows;
    for (const SheetCell& cell : SheetCells(*sheet)) {
      rows.insert(cell.row);
      if (cell.row == 1 && cell.type == "s")
        contents.header.push_back(shared.at(std::stoul(cell.value)));
    }
    contents.data_rows = rows.size() - 1;
  }
  return contents;
}

class DemoDatasetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    dir_ = testing::MakeTempDir("demo-datasets");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  // Writes `dataset` to a file of the temporary directory and returns its path.
  std::string Write(const DemoDataset& dataset, const std::string& name) {
    std::string path = Path(name);
    Status status = WriteDemoDatasetFile(dataset, path);
    EXPECT_TRUE(status.ok()) << dataset.file_name << ": " << status.message();
    return path;
  }

  std::string dir_;
};

// ---- which resources get data ----

TEST(DemoDatasetsChoiceTest, ChoosesTheResourcesOfTheTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/demo_datasets.tsv");
  ASSERT_EQ(Datasets().size(), rows.size());
  for (size_t index = 0; index < rows.size(); ++index) {
    const TableRow& row = rows[index];
    ASSERT_EQ(row.cells.size(), 6u) << "demo_datasets.tsv line " << row.line;
    const DemoDataset& dataset = Datasets()[index];
    SCOPED_TRACE("demo_datasets.tsv line " + std::to_string(row.line));
    EXPECT_EQ(DemoDatasetKindName(dataset.kind), row.cells[0]);
    EXPECT_EQ(dataset.concept_id, row.cells[1]);
    EXPECT_EQ(dataset.resource_name, row.cells[2]);
    EXPECT_EQ(dataset.format, row.cells[3]);
    EXPECT_EQ(dataset.encoding, row.cells[4]);
    EXPECT_EQ(dataset.row_count, std::stoul(row.cells[5]));
    EXPECT_EQ(dataset.file_name, row.cells[1] + "." + row.cells[3]);
    EXPECT_FALSE(dataset.version_note.empty());
    EXPECT_EQ(dataset.seed, kDemoSeed);

    ASSERT_LT(dataset.resource_index, Demo().resources.size());
    const DemoResource& resource = Demo().resources[dataset.resource_index];
    EXPECT_EQ(resource.resource.name, dataset.resource_name);
    EXPECT_EQ(resource.concept_id, dataset.concept_id);
    EXPECT_EQ(resource.stage, DemoStage::kCoded) << "the demo has a registered resource of each";
    ASSERT_EQ(dataset.items.size(), resource.resource.items.size());
    for (size_t item = 0; item < dataset.items.size(); ++item) {
      EXPECT_EQ(dataset.items[item].name, resource.resource.items[item].name);
    }
  }
}

TEST(DemoDatasetsChoiceTest, PrefersRegisteredThenTheFirstConceptAndSkipsUnfillableItems) {
  const DemoResource* road = nullptr;
  const DemoResource* foreign = nullptr;
  for (const DemoResource& demo : Demo().resources) {
    if (demo.concept_id == "road_transport_operators" && road == nullptr) road = &demo;
    if (demo.concept_id == "foreign_investment" && foreign == nullptr) foreign = &demo;
  }
  ASSERT_NE(road, nullptr);
  ASSERT_NE(foreign, nullptr);
  DemoResource road_registered = *road;
  road_registered.stage = DemoStage::kCoded;
  road_registered.resource.name = "registered road";
  DemoResource road_draft = *road;
  road_draft.stage = DemoStage::kDraft;
  road_draft.resource.name = "draft road";
  DemoResource foreign_draft = *foreign;
  foreign_draft.stage = DemoStage::kDraft;
  foreign_draft.resource.name = "draft foreign";
  DemoResource foreign_registered = *foreign;
  foreign_registered.stage = DemoStage::kCoded;
  foreign_registered.resource.name = "registered foreign";
  DemoResource foreign_unknown_item = foreign_registered;
  foreign_unknown_item.resource.name = "foreign with an unknown item";
  Item shoe_size;
  shoe_size.name = "shoe_size";
  shoe_size.title = "鞋码";
  shoe_size.type = ItemType::kInteger;
  foreign_unknown_item.resource.items.push_back(shoe_size);

  auto chosen = [](const std::vector<DemoResource>& resources) -> std::string {
    for (const DemoDataset& dataset : DemoDatasets(resources, 7)) {
      if (dataset.kind == DemoDatasetKind::kEnterprises) return dataset.resource_name;
    }
    return "(none)";
  };
  EXPECT_EQ(chosen({foreign_draft, road_registered}), "registered road");
  EXPECT_EQ(chosen({road_draft, foreign_draft}), "draft foreign");
  EXPECT_EQ(chosen({road_registered, foreign_registered}), "registered foreign");
  EXPECT_EQ(chosen({foreign_unknown_item, road_draft}), "draft road");
  EXPECT_EQ(chosen({foreign_unknown_item}), "(none)");
  EXPECT_TRUE(DemoDatasets({}).empty());
  std::vector<DemoDataset> one = DemoDatasets({foreign_draft, road_registered}, 7);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].resource_index, 1u);
  EXPECT_EQ(one[0].seed, 7u);
}

// ---- the files ----

TEST_F(DemoDatasetsTest, SameSeedGivesTheSameBytesAndAnotherSeedOthers) {
  for (const DemoDataset& dataset : Datasets()) {
    SCOPED_TRACE(dataset.file_name);
    std::string first = ReadFile(Write(dataset, "first-" + dataset.file_name));
    std::string second = ReadFile(Write(dataset, "second-" + dataset.file_name));
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(Sha256Hex(first), Sha256Hex(second));
    DemoDataset reseeded = dataset;
    reseeded.seed = dataset.seed + 1;
    std::string other = ReadFile(Write(reseeded, "other-" + dataset.file_name));
    EXPECT_NE(Sha256Hex(first), Sha256Hex(other));
  }
}

TEST_F(DemoDatasetsTest, EveryFilesColumnsAreTheItemsInOrderWithEveryRow) {
  for (const DemoDataset& dataset : Datasets()) {
    SCOPED_TRACE(dataset.file_name);
    FileContents contents = ReadContents(dataset, Write(dataset, dataset.file_name));
    std::vector<std::string> names;
    for (const Item& item : dataset.items) names.push_back(item.name);
    EXPECT_EQ(contents.header, names);
    EXPECT_EQ(contents.data_rows, dataset.row_count);
  }
}

TEST(DemoDatasetsValuesTest, EveryValueFitsItsItemsTypeAndIsNeverEmpty) {
  for (const DemoDataset& dataset : Datasets()) {
    SCOPED_TRACE(dataset.file_name);
    DemoTable table = TableOf(dataset);
    ASSERT_EQ(table.rows.size(), dataset.row_count);
    ASSERT_EQ(table.columns.size(), dataset.items.size());
    for (size_t column = 0; column < table.columns.size(); ++column) {
      EXPECT_EQ(table.columns[column], dataset.items[column].name);
      EXPECT_EQ(table.types[column], dataset.items[column].type);
    }
    for (const std::vector<std::string>& row : table.rows) {
      ASSERT_EQ(row.size(), table.columns.size());
      for (size_t column = 0; column < row.size(); ++column) {
        const std::string& cell = row[column];
        EXPECT_FALSE(cell.empty()) << table.columns[column];
        EXPECT_TRUE(FitsType(table.types[column], cell))
            << table.columns[column] << " (" << ItemTypeName(table.types[column]) << "): " << cell;
        EXPECT_EQ(cell.find_first_of("\r\n"), std::string::npos);
        EXPECT_TRUE(IsValidUtf8(cell));
      }
    }
  }
}

// A dataset of every item a kind claims to fill, as a resource could declare them.
DemoDataset EveryItem(DemoDatasetKind kind, std::string_view items, std::string format,
                      std::string encoding, size_t rows) {
  DemoDataset dataset;
  dataset.kind = kind;
  dataset.region = "350100";
  dataset.format = std::move(format);
  dataset.encoding = std::move(encoding);
  dataset.row_count = rows;
  dataset.file_name = std::string(DemoDatasetKindName(kind)) + "." + dataset.format;
  dataset.concept_id = "synthetic";
  std::istringstream list{std::string(items)};
  for (std::string entry; std::getline(list, entry, ',');) {
    size_t colon = entry.find(':');
    Item item;
    item.name = entry.substr(0, colon);
    item.type = *ParseItemType(entry.substr(colon + 1));
    dataset.items.push_back(item);
  }
  return dataset;
}

TEST(DemoDatasetsValuesTest, EveryKindFillsEveryItemItKnows) {
  const std::vector<std::pair<DemoDatasetKind, std::string_view>> kinds = {
      {DemoDatasetKind::kEnterprises,
       "company_name:string,uscc:string,district:string,address:string,investor_country:string,"
       "contract_fdi:decimal,actual_fdi:decimal,permit_number:string,business_scope:string,"
       "vehicle_count:integer"},
      {DemoDatasetKind::kBusStops,
       "stop_id:string,stop_name:string,longitude:decimal,latitude:decimal,route_names:string,"
       "district:string,has_shelter:boolean"},
      {DemoDatasetKind::kAirQuality,
       "station:string,observe_time:datetime,aqi:integer,pm25:decimal,pm10:decimal,o3:decimal,"
       "no2:decimal,so2:decimal,co:decimal"},
      {DemoDatasetKind::kHospitals,
       "institution_name:string,license_number:string,category:string,level:string,"
       "address:string,phone:string,beds:integer,longitude:decimal,latitude:decimal,"
       "insurance_code:string,cross_region_settlement:boolean,district:string"},
      {DemoDatasetKind::kDrivers,
       "person_name:string,id_number:string,sex:string,birth_date:date,ethnicity:string,"
       "mobile:string,home_address:string,community:string,certificate_number:string,"
       "issue_date:date,company_name:string"},
  };
  for (const auto& [kind, items] : kinds) {
    for (std::string region : {"350100", "350203", "350000"}) {
      SCOPED_TRACE(std::string(DemoDatasetKindName(kind)) + " in " + region);
      DemoDataset dataset = EveryItem(kind, items, "csv", "utf-8", 200);
      dataset.region = region;
      DemoTable table = TableOf(dataset);
      ASSERT_EQ(table.rows.size(), 200u);
      for (const std::vector<std::string>& row : table.rows) {
        for (size_t column = 0; column < row.size(); ++column) {
          EXPECT_TRUE(FitsType(table.types[column], row[column]) && !row[column].empty())
              << table.columns[column] << ": " << row[column];
        }
      }
    }
  }
}

TEST(DemoDatasetsValuesTest, IntegersFitDecimalItemsAndAnythingFitsStringItems) {
  DemoDataset dataset =
      EveryItem(DemoDatasetKind::kHospitals,
                "beds:decimal,longitude:string,cross_region_settlement:string", "csv", "utf-8", 20);
  DemoTable table = TableOf(dataset);
  ASSERT_EQ(table.rows.size(), 20u);
  for (const std::vector<std::string>& row : table.rows) {
    EXPECT_TRUE(FitsType(ItemType::kInteger, row[0])) << row[0];
    EXPECT_TRUE(FitsType(ItemType::kDecimal, row[1])) << row[1];
    EXPECT_TRUE(row[2] == "true" || row[2] == "false") << row[2];
  }
}

TEST(DemoDatasetsValuesTest, EnterprisesHaveValidUniqueUsccsOfTheirRegion) {
  const DemoDataset* dataset = DatasetOf(DemoDatasetKind::kEnterprises);
  ASSERT_NE(dataset, nullptr);
  DemoTable table = TableOf(*dataset);
  const size_t uscc = ColumnOf(table, "uscc");
  const size_t name = ColumnOf(table, "company_name");
  std::set<std::string> codes;
  std::set<std::string> names;
  for (const std::vector<std::string>& row : table.rows) {
    const std::string& code = row[uscc];
    Status status = CheckUscc(code);
    EXPECT_TRUE(status.ok()) << code << ": " << status.message();
    ASSERT_EQ(code.size(), 18u);
    EXPECT_EQ(StandardUsccCheck(code.substr(0, 17)), code[17]) << code;
    EXPECT_EQ(code.substr(0, 2), "91") << "an enterprise registered by market regulation";
    EXPECT_EQ(code.substr(2, 4), dataset->region.substr(0, 4)) << code << " outside the region";
    EXPECT_TRUE(codes.insert(code).second) << "duplicate " << code;
    EXPECT_TRUE(names.insert(row[name]).second) << "duplicate " << row[name];
    EXPECT_TRUE(row[name].ends_with("公司")) << row[name];
  }
}

TEST(DemoDatasetsValuesTest, TheTestsCitizenIdCheckFollowsTheStandardsExamples) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/citizen_ids.tsv");
  ASSERT_GE(rows.size(), 4u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "citizen_ids.tsv line " << row.line;
    EXPECT_EQ(CitizenIdChecks(row.cells[0]), row.cells[1] == "ok")
        << "citizen_ids.tsv line " << row.line << ": " << row.cells[0];
  }
}

TEST(DemoDatasetsValuesTest, DriversHaveValidUniqueCitizenIdsOfFujian) {
  const DemoDataset* dataset = DatasetOf(DemoDatasetKind::kDrivers);
  ASSERT_NE(dataset, nullptr);
  DemoTable table = TableOf(*dataset);
  const size_t id_column = ColumnOf(table, "id_number");
  const size_t name_column = ColumnOf(table, "person_name");
  const size_t issue_column = ColumnOf(table, "issue_date");
  std::set<std::string> ids;
  std::set<std::string> certificates;
  for (const std::vector<std::string>& row : table.rows) {
    const std::string& id = row[id_column];
    EXPECT_TRUE(CitizenIdChecks(id)) << id;
    EXPECT_EQ(id.substr(0, 2), "35") << id << " is not of 福建";
    EXPECT_TRUE(CheckDivisionCode(id.substr(0, 6)).ok()) << id;
    const std::string birth = id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2);
    EXPECT_TRUE(IsRealDate(birth)) << id;
    EXPECT_GE(birth, "1940-01-01") << id;
    EXPECT_LE(birth, "2005-03-31") << id << ": a driver is an adult";
    EXPECT_GT(row[issue_column], birth);
    EXPECT_TRUE(ids.insert(id).second) << "duplicate " << id;
    // Two to four Chinese characters (three UTF-8 bytes each).
    const std::string& name = row[name_column];
    EXPECT_TRUE(name.size() >= 6 && name.size() <= 12 && name.size() % 3 == 0) << name;
    EXPECT_TRUE(certificates.insert(row[ColumnOf(table, "certificate_number")]).second);
  }
}

TEST(DemoDatasetsValuesTest, PeopleHaveMobilesBirthDatesAndSexesThatAgreeWithTheirIds) {
  DemoDataset dataset =
      EveryItem(DemoDatasetKind::kDrivers,
                "person_name:string,sex:string,birth_date:date,id_number:string,mobile:string",
                "csv", "utf-8", 1000);
  DemoTable table = TableOf(dataset);
  static const std::regex kMobile("1[3-9][0-9]{9}");
  std::set<std::string> mobiles;
  for (const std::vector<std::string>& row : table.rows) {
    const std::string& id = row[3];
    EXPECT_TRUE(CitizenIdChecks(id)) << id;
    EXPECT_EQ(row[2], id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2));
    EXPECT_EQ(row[1], (id[16] - '0') % 2 == 1 ? "男" : "女") << id;
    EXPECT_TRUE(std::regex_match(row[4], kMobile)) << row[4];
    EXPECT_TRUE(mobiles.insert(row[4]).second) << "duplicate " << row[4];
  }
}

TEST_F(DemoDatasetsTest, BusStopsAreGbkTextThatDecodesToTheTable) {
  const DemoDataset* dataset = DatasetOf(DemoDatasetKind::kBusStops);
  ASSERT_NE(dataset, nullptr);
  ASSERT_EQ(dataset->encoding, "gb18030");
  const std::string bytes = ReadFile(Write(*dataset, dataset->file_name));
  EXPECT_FALSE(IsValidUtf8(bytes));
  const std::string text = Decode(bytes, "GB18030");
  EXPECT_EQ(text.find("\xEF\xBF\xBD"), std::string::npos) << "a byte sequence did not decode";
  // Only characters of GBK: the file reads the same as GBK (ICU's windows-936).
  EXPECT_EQ(Decode(bytes, "GBK"), text);
  EXPECT_NE(text.find("\r\n"), std::string::npos);

  DemoTable table = TableOf(*dataset);
  std::vector<std::vector<std::string>> records = ParseCsv(text);
  ASSERT_EQ(records.size(), table.rows.size() + 1);
  EXPECT_EQ(records[0], table.columns);
  for (size_t row = 0; row < table.rows.size(); ++row) {
    ASSERT_EQ(records[row + 1], table.rows[row]) << "data row " << row + 1;
  }
}

TEST(DemoDatasetsValuesTest, BusStopsLieInFuzhouWithRoutes) {
  const DemoDataset* dataset = DatasetOf(DemoDatasetKind::kBusStops);
  ASSERT_NE(dataset, nullptr);
  ASSERT_EQ(dataset->region, "350100");
  DemoTable table = TableOf(*dataset);
  const size_t id = ColumnOf(table, "stop_id");
  const size_t name = ColumnOf(table, "stop_name");
  const size_t longitude = ColumnOf(table, "longitude");
  const size_t latitude = ColumnOf(table, "latitude");
  const size_t routes = ColumnOf(table, "route_names");
  std::set<std::string> ids;
  std::map<std::string, int> platforms;
  for (const std::vector<std::string>& row : table.rows) {
    EXPECT_TRUE(ids.insert(row[id]).second) << "duplicate " << row[id];
    ++platforms[row[name]];
    // 福州's urban districts lie within 119.0-119.7 E, 25.8-26.3 N.
    const double east = std::stod(row[longitude]);
    const double north = std::stod(row[latitude]);
    EXPECT_TRUE(east > 119.0 && east < 119.7) << row[longitude];
    EXPECT_TRUE(north > 25.8 && north < 26.3) << row[latitude];
    EXPECT_TRUE(row[routes].ends_with("路")) << row[routes];
  }
  for (const auto& [stop, count] : platforms) EXPECT_LE(count, 2) << stop;
  EXPECT_GT(platforms.size(), 600u);
}

TEST(DemoDatasetsValuesTest, TheTestsIaqiFollowsHandComputedValues) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/aqi.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "aqi.tsv line " << row.line;
    EXPECT_EQ(StandardIaqi(row.cells[0], Tenths(row.cells[1])), std::stoll(row.cells[2]))
        << "aqi.tsv line " << row.line;
  }
}

TEST(DemoDatasetsValuesTest, AirQualityIsHourlyPerStationWithAqiFromTheConcentrations) {
  const DemoDataset* dataset = DatasetOf(DemoDatasetKind::kAirQuality);
  ASSERT_NE(dataset, nullptr);
  DemoTable table = TableOf(*dataset);
  const size_t station = ColumnOf(table, "station");
  const size_t time = ColumnOf(table, "observe_time");
  const size_t aqi = ColumnOf(table, "aqi");
  const std::vector<std::string> pollutants = {"pm25", "pm10", "o3", "no2", "so2", "co"};
  std::map<std::string, std::vector<std::string>> times;
  std::map<std::string, std::array<int64_t, 24>> sums;
  for (const std::vector<std::string>& row : table.rows) {
    times[row[station]].push_back(row[time]);
    int64_t expected = 0;
    for (const std::string& pollutant : pollutants) {
      const int64_t tenths = Tenths(row[ColumnOf(table, pollutant)]);
      EXPECT_GT(tenths, 0) << pollutant;
      expected = std::max(expected, StandardIaqi(pollutant, tenths));
      sums[pollutant][std::stoi(row[time].substr(11, 2))] += tenths;
    }
    EXPECT_EQ(std::stoll(row[aqi]), expected) << row[station] << " " << row[time];
    EXPECT_GE(Tenths(row[ColumnOf(table, "pm10")]), Tenths(row[ColumnOf(table, "pm25")]));
    EXPECT_LT(Tenths(row[ColumnOf(table, "pm25")]), 2500) << "PM2.5 far beyond a 福建 April";
    EXPECT_LT(Tenths(row[ColumnOf(table, "co")]), 50);
  }
  // Ten stations, each with every hour of April 2026 once, in order.
  ASSERT_EQ(times.size(), 10u);
  for (const auto& [name, observed] : times) {
    ASSERT_EQ(observed.size(), 30u * 24u) << name;
    EXPECT_EQ(observed.front(), "2026-04-01T00:00:00") << name;
    EXPECT_EQ(observed[25], "2026-04-02T01:00:00") << name;
    EXPECT_EQ(observed.back(), "2026-04-30T23:00:00") << name;
    EXPECT_TRUE(std::is_sorted(observed.begin(), observed.end())) << name;
  }
  // Daily cycles: ozone peaks in the afternoon, NO2 and particles with the traffic.
  EXPECT_GT(sums["o3"][15], 2 * sums["o3"][5]);
  EXPECT_GT(sums["no2"][8], sums["no2"][14]);
  EXPECT_GT(sums["pm25"][21], sums["pm25"][15]);
}

TEST_F(DemoDatasetsTest, HospitalsAreAnXlsxWithTextNumberAndBooleanCells) {
  const DemoDataset* dataset = DatasetOf(DemoDatasetKind::kHospitals);
  ASSERT_NE(dataset, nullptr);
  const std::string path = Write(*dataset, dataset->file_name);
  std::optional<std::string> sheet = ZipEntry(path, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.has_value()) << "no xl/worksheets/sheet1.xml in " << path;
  std::optional<std::string> strings = ZipEntry(path, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings.has_value());
  std::vector<std::string> shared = SharedStrings(*strings);
  DemoTable table = TableOf(*dataset);
  for (const SheetCell& cell : SheetCells(*sheet)) {
    ASSERT_LT(cell.column, table.columns.size());
    if (cell.row == 1) {
      EXPECT_EQ(cell.type, "s");
      EXPECT_EQ(shared.at(std::stoul(cell.value)), table.columns[cell.column]);
      continue;
    }
    ASSERT_LE(cell.row - 2, table.rows.size());
    const std::string& expected = table.rows[cell.row - 2][cell.column];
    switch (table.types[cell.column]) {
      case ItemType::kInteger:
      case ItemType::kDecimal:
        EXPECT_EQ(cell.type, "") << table.columns[cell.column];
        EXPECT_EQ(std::stod(cell.value), std::stod(expected));
        break;
      case ItemType::kBoolean:
        EXPECT_EQ(cell.type, "b");
        EXPECT_EQ(cell.value, expected == "true" ? "1" : "0");
        break;
      default:
        EXPECT_EQ(cell.type, "s") << table.columns[cell.column];
        EXPECT_EQ(shared.at(std::stoul(cell.value)), expected);
    }
  }
  EXPECT_EQ(ReadContents(*dataset, path).data_rows, 300u);
}

TEST_F(DemoDatasetsTest, XlsxDatesAreDateNumbersWithADateFormat) {
  DemoDataset dataset =
      EveryItem(DemoDatasetKind::kDrivers, "person_name:string,issue_date:date", "xlsx", "", 50);
  const std::string path = Write(dataset, "dates.xlsx");
  std::optional<std::string> sheet = ZipEntry(path, "xl/worksheets/sheet1.xml");
  std::optional<std::string> styles = ZipEntry(path, "xl/styles.xml");
  ASSERT_TRUE(sheet && styles);
  EXPECT_NE(styles->find("formatCode=\"yyyy-mm-dd\""), std::string::npos);
  DemoTable table = TableOf(dataset);
  int dates = 0;
  for (const SheetCell& cell : SheetCells(*sheet)) {
    if (cell.row == 1 || cell.column != 1) continue;
    EXPECT_EQ(cell.type, "");
    EXPECT_FALSE(cell.style.empty() || cell.style == "0") << "a date cell without a date format";
    EXPECT_EQ(std::stoll(cell.value), ExcelSerial(table.rows[cell.row - 2][1]));
    ++dates;
  }
  EXPECT_EQ(dates, 50);
}

TEST_F(DemoDatasetsTest, NdjsonAndJsonHoldTypedValues) {
  const DemoDataset* air = DatasetOf(DemoDatasetKind::kAirQuality);
  ASSERT_NE(air, nullptr);
  for (std::string format : {"ndjson", "json"}) {
    SCOPED_TRACE(format);
    DemoDataset dataset = *air;
    dataset.format = format;
    dataset.row_count = 100;
    const std::string bytes = ReadFile(Write(dataset, "air." + format));
    std::vector<nlohmann::ordered_json> objects;
    if (format == "json") {
      nlohmann::ordered_json array = nlohmann::ordered_json::parse(bytes);
      ASSERT_TRUE(array.is_array());
      for (const auto& object : array) objects.push_back(object);
    } else {
      std::istringstream lines(bytes);
      for (std::string line; std::getline(lines, line);) {
        objects.push_back(nlohmann::ordered_json::parse(line));
      }
    }
    DemoTable table = TableOf(dataset);
    ASSERT_EQ(objects.size(), table.rows.size());
    for (size_t row = 0; row < objects.size(); ++row) {
      ASSERT_EQ(objects[row].size(), table.columns.size());
      for (size_t column = 0; column < table.columns.size(); ++column) {
        const nlohmann::ordered_json& value = objects[row][table.columns[column]];
        const std::string& expected = table.rows[row][column];
        switch (table.types[column]) {
          case ItemType::kInteger:
            ASSERT_TRUE(value.is_number_integer());
            EXPECT_EQ(value.get<int64_t>(), std::stoll(expected));
            break;
          case ItemType::kDecimal:
            ASSERT_TRUE(value.is_number());
            EXPECT_EQ(value.get<double>(), std::stod(expected));
            break;
          default:
            ASSERT_TRUE(value.is_string());
            EXPECT_EQ(value.get<std::string>(), expected);
        }
      }
    }
  }
}

TEST_F(DemoDatasetsTest, BadRowsBreakThreeLinesOfTheGoodFile) {
  const DemoDataset* dataset = DatasetOf(DemoDatasetKind::kBusStops);
  ASSERT_NE(dataset, nullptr);
  const std::string good = Decode(ReadFile(Write(*dataset, "good.csv")), "GB18030");
  Result<std::vector<DemoBadRow>> bad = WriteDemoDatasetWithBadRows(*dataset, Path("bad.csv"));
  ASSERT_TRUE(bad.ok()) << bad.status().message();
  const std::string bad_bytes = ReadFile(Path("bad.csv"));
  EXPECT_FALSE(IsValidUtf8(bad_bytes)) << "still GB18030";
  const std::string broken = Decode(bad_bytes, "GB18030");

  auto lines_of = [](const std::string& text) {
    std::vector<std::string> lines;
    for (size_t start = 0; start < text.size();) {
      size_t end = text.find("\r\n", start);
      lines.push_back(text.substr(start, end - start));
      start = end + 2;
    }
    return lines;
  };
  std::vector<std::string> good_lines = lines_of(good);
  std::vector<std::string> broken_lines = lines_of(broken);
  ASSERT_EQ(good_lines.size(), broken_lines.size());
  const std::vector<std::string> header = ParseCsv(good_lines[0])[0];

  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/bad_rows.tsv");
  ASSERT_EQ(bad->size(), rows.size());
  std::set<size_t> broken_numbers;
  for (size_t index = 0; index < rows.size(); ++index) {
    const TableRow& row = rows[index];
    ASSERT_EQ(row.cells.size(), 4u) << "bad_rows.tsv line " << row.line;
    SCOPED_TRACE("bad_rows.tsv line " + std::to_string(row.line));
    const DemoBadRow& reported = (*bad)[index];
    const size_t line = std::stoul(row.cells[0]);
    EXPECT_EQ(reported.line, line);
    EXPECT_EQ(reported.column, row.cells[1]);
    EXPECT_NE(reported.problem.find(row.cells[3]), std::string::npos) << reported.problem;
    broken_numbers.insert(line);

    ASSERT_LE(line, broken_lines.size());
    const std::vector<std::string> fields = ParseCsv(broken_lines[line - 1])[0];
    const size_t column =
        static_cast<size_t>(std::find(header.begin(), header.end(), row.cells[1]) - header.begin());
    ASSERT_LT(column, header.size());
    if (row.cells[2] == "not_a_number") {
      ASSERT_EQ(fields.size(), header.size());
      EXPECT_FALSE(FitsType(ItemType::kDecimal, fields[column])) << fields[column];
    } else if (row.cells[2] == "ragged") {
      EXPECT_EQ(fields.size() + 1, header.size());
    } else if (row.cells[2] == "empty") {
      ASSERT_EQ(fields.size(), header.size());
      EXPECT_EQ(fields[column], "");
    } else {
      ADD_FAILURE() << "unknown fault " << row.cells[2];
    }
  }
  for (size_t line = 1; line <= good_lines.size(); ++line) {
    if (broken_numbers.count(line)) {
      EXPECT_NE(good_lines[line - 1], broken_lines[line - 1]) << "line " << line;
    } else {
      ASSERT_EQ(good_lines[line - 1], broken_lines[line - 1]) << "line " << line;
    }
  }
}

TEST_F(DemoDatasetsTest, RefusesWhatItCannotWrite) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/dataset_errors.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 7u) << "dataset_errors.tsv line " << row.line;
    SCOPED_TRACE("dataset_errors.tsv line " + std::to_string(row.line));
    std::optional<DemoDatasetKind> kind = KindNamed(row.cells[1]);
    ASSERT_TRUE(kind.has_value());
    DemoDataset dataset =
        EveryItem(*kind, row.cells[5], row.cells[2], row.cells[3], std::stoul(row.cells[4]));
    if (row.cells[5].empty()) dataset.items.clear();
    Status status = row.cells[0] == "write"
                        ? WriteDemoDatasetFile(dataset, Path("refused"))
                        : WriteDemoDatasetWithBadRows(dataset, Path("refused")).status();
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find(row.cells[6]), std::string::npos) << status.message();
  }
}

TEST_F(DemoDatasetsTest, AFileThatCannotBeCreatedIsAnInternalError) {
  for (const DemoDataset& dataset : Datasets()) {
    Status status = WriteDemoDatasetFile(dataset, Path("missing-directory/" + dataset.file_name));
    EXPECT_EQ(status.code(), StatusCode::kInternal) << dataset.file_name;
  }
}

}  // namespace
}  // namespace gongshu
