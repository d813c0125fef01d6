// Tests of XLSX reading (xlsx_reader.h, xlsx_workbook.h, xlsx_package.h) through
// OpenTableSource: workbooks written by libxlsxwriter, and hand-made packages for what it does
// not write (prefixed elements, rich text, phonetic runs, the 1904 date system, damage).
#include "tabular/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "common/testing/temp_dir.h"
#include "tabular/table_format.h"
#include "tabular/testing/source_dump.h"
#include "tabular/xlsx_package.h"

namespace gongshu::tabular {
namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

// Chunk sizes for decompressed XML: one byte at a time, an odd size, the default.
const std::vector<std::size_t> kChunkSizes = {1, 13, ReadLimits().chunk_bytes};

// Writes a zip archive of `parts`; `stored` parts are not compressed.
bool WriteZip(const std::string& path, const Parts& parts, bool stored = false) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) return false;
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      zip_discard(archive);
      return false;
    }
    if (stored)
      zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  return zip_close(archive) == 0;
}

constexpr char kMainNamespace[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRelationshipsNamespace[] =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// The parts of a one-sheet workbook named "Data"; empty texts leave a part out.
Parts MinimalWorkbook(const std::string& sheet, const std::string& shared_strings,
                      const std::string& styles, bool date1904 = false) {
  const std::string package_type =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string workbook_relationships =
      std::string(
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          "relationships\">") +
      "<Relationship Id=\"rId1\" Type=\"" + package_type +
      "worksheet\" Target=\"worksheets/sheet1.xml\"/>";
  if (!shared_strings.empty()) {
    workbook_relationships += "<Relationship Id=\"rId2\" Type=\"" + package_type +
                              "sharedStrings\" Target=\"sharedStrings.xml\"/>";
  }
  if (!styles.empty()) {
    workbook_relationships +=
        "<Relationship Id=\"rId3\" Type=\"" + package_type + "styles\" Target=\"/xl/styles.xml\"/>";
  }
  workbook_relationships += "</Relationships>";
  Parts parts = {
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"" +
           package_type + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMainNamespace + "\" xmlns:r=\"" +
                              kRelationshipsNamespace + "\">" +
                              (date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>") +
                              "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", workbook_relationships},
      {"xl/worksheets/sheet1.xml", sheet},
  };
  if (!shared_strings.empty()) parts.emplace_back("xl/sharedStrings.xml", shared_strings);
  if (!styles.empty()) parts.emplace_back("xl/styles.xml", styles);
  return parts;
}

std::string Sheet(const std::string& rows) {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet "
             "xmlns=\"") +
         kMainNamespace + "\"><sheetData>" + rows + "</sheetData></worksheet>";
}

std::string InlineCell(const std::string& reference, const std::string& text) {
  return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = gongshu::testing::MakeTempDir("gongshu-xlsx");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The dump of `path` read with `options` (key=value&...), the same at every chunk size.
  std::string Dump(const std::string& path, const std::string& options = "-") {
    std::string first;
    for (std::size_t chunk : kChunkSizes) {
      OpenOptions open_options;
      ReadLimits limits;
      limits.chunk_bytes = chunk;
      testing::ApplyOptions(options, open_options, limits);
      std::string dump = testing::DumpSource(OpenTableSource(path, open_options, limits));
      if (first.empty()) {
        first = dump;
      } else {
        EXPECT_EQ(dump, first) << "chunk " << chunk;
      }
    }
    return first;
  }

  // A workbook with two sheets, "数据" and "Second", written by libxlsxwriter; in
  // constant-memory mode it writes inline strings instead of shared strings.
  std::string WriteTypedWorkbook(const std::string& name, bool constant_memory) {
    const std::string path = dir_ + "/" + name;
    lxw_workbook_options workbook_options = {};
    workbook_options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &workbook_options);
    lxw_worksheet* data = workbook_add_worksheet(workbook, "数据");
    lxw_worksheet* second = workbook_add_worksheet(workbook, "Second");
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* stamp = workbook_add_format(workbook);
    format_set_num_format(stamp, "yyyy-mm-dd hh:mm:ss");
    lxw_format* money = workbook_add_format(workbook);
    format_set_num_format(money, "#,##0.00");
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);

    const char* headers[] = {"name", "count", "price", "when", "stamp", "flag", "note"};
    for (lxw_col_t column = 0; column < 7; ++column) {
      worksheet_write_string(data, 0, column, headers[column], bold);
    }
    lxw_datetime first_date = {2026, 3, 1, 0, 0, 0};
    lxw_datetime first_stamp = {2026, 3, 1, 8, 30, 0};
    worksheet_write_string(data, 1, 0, "福州", nullptr);
    worksheet_write_number(data, 1, 1, 12, nullptr);
    worksheet_write_number(data, 1, 2, 0.1, nullptr);
    worksheet_write_datetime(data, 1, 3, &first_date, date);
    worksheet_write_datetime(data, 1, 4, &first_stamp, stamp);
    worksheet_write_boolean(data, 1, 5, 1, nullptr);
    worksheet_write_blank(data, 1, 6, bold);  // formatted but empty: null
    lxw_datetime second_date = {1900, 1, 1, 0, 0, 0};
    lxw_datetime second_stamp = {2000, 2, 29, 23, 59, 59};
    worksheet_write_string(data, 2, 0, "厦门", nullptr);
    worksheet_write_number(data, 2, 1, -3.5, nullptr);
    worksheet_write_number(data, 2, 2, 1234.5, money);
    worksheet_write_datetime(data, 2, 3, &second_date, date);
    worksheet_write_datetime(data, 2, 4, &second_stamp, stamp);
    worksheet_write_boolean(data, 2, 5, 0, nullptr);
    worksheet_write_formula_str(data, 2, 6, "=\"x\"", nullptr, "x");
    // Row 4 is skipped; row 5 has one value; row 6 only formatted blanks (skipped).
    worksheet_write_string(data, 4, 0, "泉州", nullptr);
    worksheet_write_blank(data, 5, 0, bold);
    worksheet_write_blank(data, 5, 1, bold);

    worksheet_write_string(second, 0, 0, "a", nullptr);
    worksheet_write_string(second, 0, 1, "b", nullptr);
    worksheet_write_number(second, 1, 0, 1, nullptr);
    worksheet_write_number(second, 1, 1, 2, nullptr);
    EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
    return path;
  }

  std::string dir_;
};

constexpr char kTypedDump[] =
    "xlsx//数据 [name][count][price][when][stamp][flag][note]"
    " 2[福州][12][0.1][2026-03-01][2026-03-01T08:30:00][true]~"
    " 3[厦门][-3.5][1234.5][1900-01-01][2000-02-29T23:59:59][false][x]"
    " 5[泉州]~~~~~~";

TEST_F(XlsxReaderTest, ReadsStringsNumbersDatesAndBooleans) {
  EXPECT_EQ(Dump(WriteTypedWorkbook("shared.xlsx", false)), kTypedDump);
}

TEST_F(XlsxReaderTest, InlineStringsReadLikeSharedStrings) {
  EXPECT_EQ(Dump(WriteTypedWorkbook("inline.xlsx", true)), kTypedDump);
}

TEST_F(XlsxReaderTest, ReadsANamedSheetAndListsTheSheetsOfAnUnknownName) {
  const std::string path = WriteTypedWorkbook("sheets.xlsx", false);
  EXPECT_EQ(Dump(path, "sheet=Second"), "xlsx//Second [a][b] 2[1][2]");
  EXPECT_EQ(Dump(path, "sheet=Third"),
            "open-error{the workbook has no sheet named \"Third\"; its sheets are \"数据\", "
            "\"Second\"}");
}

TEST_F(XlsxReaderTest, DefaultSheetIsTheFirstNotHidden) {
  const std::string path = dir_ + "/hidden.xlsx";
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* hidden = workbook_add_worksheet(workbook, "Lookup");
  lxw_worksheet* shown = workbook_add_worksheet(workbook, "Shown");
  worksheet_write_string(hidden, 0, 0, "code", nullptr);
  worksheet_write_string(shown, 0, 0, "value", nullptr);
  worksheet_write_string(shown, 1, 0, "v", nullptr);
  worksheet_activate(shown);
  worksheet_hide(hidden);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  EXPECT_EQ(Dump(path), "xlsx//Shown [value] 2[v]");
  EXPECT_EQ(Dump(path, "sheet=Lookup"), "xlsx//Lookup [code]");
}

// A table that starts right of column A and below row 1: the header's first and last cells
// bound the columns; a value outside them makes its record malformed.
TEST_F(XlsxReaderTest, ColumnsRunFromTheFirstToTheLastHeaderCell) {
  const std::string path = dir_ + "/offset.xlsx";
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Offset");
  worksheet_write_string(sheet, 0, 0, "", nullptr);
  worksheet_write_string(sheet, 1, 1, "x", nullptr);
  worksheet_write_string(sheet, 1, 2, "y", nullptr);
  worksheet_write_number(sheet, 2, 1, 1, nullptr);
  worksheet_write_number(sheet, 2, 2, 2, nullptr);
  worksheet_write_number(sheet, 3, 2, 4, nullptr);
  worksheet_write_string(sheet, 3, 0, "stray", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  EXPECT_EQ(Dump(path),
            "xlsx//Offset [x][y] 3[1][2] 4~[4]{cell A4 lies outside the header's columns (B to "
            "C)}");
}

TEST_F(XlsxReaderTest, RefusesAHeaderWithAGapOrARepeatedName) {
  const std::string gap = dir_ + "/gap.xlsx";
  ASSERT_TRUE(WriteZip(gap, MinimalWorkbook(Sheet("<row r=\"2\">" + InlineCell("B2", "x") +
                                                  InlineCell("D2", "z") + "</row>"),
                                            "", "")));
  EXPECT_EQ(Dump(gap), "open-error{row 2: column C has no name}");
  const std::string repeated = dir_ + "/repeated.xlsx";
  ASSERT_TRUE(WriteZip(repeated, MinimalWorkbook(Sheet("<row r=\"1\">" + InlineCell("A1", "id") +
                                                       InlineCell("B1", " id") + "</row>"),
                                                 "", "")));
  EXPECT_EQ(Dump(repeated), "open-error{row 1: column B repeats the name \"id\" of column A}");
  const std::string empty = dir_ + "/empty.xlsx";
  ASSERT_TRUE(WriteZip(empty, MinimalWorkbook(Sheet("<row r=\"1\"><c r=\"A1\"/></row>"), "", "")));
  EXPECT_EQ(Dump(empty), "open-error{sheet \"Data\" holds no values, so it has no header row}");
}

// What libxlsxwriter does not write: prefixed elements, rows and cells without references, rich
// text and phonetic runs in shared strings, OOXML escapes, formula strings, error cells, custom
// number formats (dates, and a quoted "h" that is no time), built-in time formats, a serial that
// is no date, empty rows, and a value outside the header's columns.
TEST_F(XlsxReaderTest, ReadsWhatOtherWritersWrite) {
  const std::string shared_strings =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"") + kMainNamespace +
      "\" count=\"6\" uniqueCount=\"6\">"
      "<si><t>name</t></si>"
      "<si><t> kind </t></si>"
      "<si><r><rPr><b/></rPr><t>Fu</t></r><r><t xml:space=\"preserve\">zhou </t></r>"
      "<r><t>City</t></r></si>"
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><t>line_x000D_\ntwo_x005F_x</t></si>"
      "<si><t></t></si>"
      "</sst>";
  const std::string styles =
      std::string("<styleSheet xmlns=\"") + kMainNamespace +
      "\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" "
      "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot;h&quot;\"/></numFmts>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
      "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"20\"/></cellXfs>"
      "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"165\" formatCode=\"yyyy\"/></dxf></dxfs>"
      "</styleSheet>";
  const std::string sheet =
      std::string("<x:worksheet xmlns:x=\"") + kMainNamespace +
      "\"><x:sheetData>"
      "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v>"
      "</x:c><x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>value</x:t></x:is></x:c></x:row>"
      "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>2</x:v></x:c><x:c r=\"B2\" t=\"str\">"
      "<x:f>A1&amp;\"x\"</x:f><x:v>formula text</x:v></x:c><x:c r=\"C2\" t=\"inlineStr\"><x:is>"
      "<x:r><x:t>rich </x:t></x:r><x:r><x:t>inline</x:t></x:r></x:is></x:c></x:row>"
      "<x:row r=\"3\"><x:c r=\"A3\" t=\"s\"><x:v>3</x:v></x:c><x:c r=\"B3\" t=\"b\"><x:v>1</x:v>"
      "</x:c><x:c r=\"C3\" s=\"1\"><x:v>45000</x:v></x:c></x:row>"
      "<x:row r=\"5\"><x:c r=\"A5\" t=\"s\"><x:v>4</x:v></x:c><x:c r=\"B5\" t=\"b\"><x:v>0</x:v>"
      "</x:c><x:c r=\"C5\" s=\"2\"><x:v>45000.5</x:v></x:c></x:row>"
      "<x:row><x:c t=\"s\"><x:v>5</x:v></x:c><x:c t=\"e\"><x:v>#DIV/0!</x:v></x:c>"
      "<x:c s=\"3\"><x:v>2.50</x:v></x:c></x:row>"
      "<x:row r=\"7\"><x:c r=\"C7\" s=\"4\"><x:v>0.5</x:v></x:c></x:row>"
      "<x:row r=\"8\"><x:c r=\"A8\"><x:v>1e21</x:v></x:c><x:c r=\"B8\"><x:v>0.1</x:v></x:c>"
      "<x:c r=\"C8\" s=\"1\"><x:v>60</x:v></x:c></x:row>"
      "<x:row r=\"9\"><x:c r=\"A9\"/><x:c r=\"B9\" s=\"1\"/></x:row>"
      "<x:row r=\"10\"><x:c r=\"D10\"><x:v>7</x:v></x:c><x:c r=\"A10\" t=\"inlineStr\"><x:is>"
      "<x:t>out</x:t></x:is></x:c></x:row>"
      "</x:sheetData></x:worksheet>";
  const std::string path = dir_ + "/handmade.xlsx";
  ASSERT_TRUE(WriteZip(path, MinimalWorkbook(sheet, shared_strings, styles)));
  EXPECT_EQ(Dump(path),
            "xlsx//Data [name][kind][value]"
            " 2[Fuzhou City][formula text][rich inline]"
            " 3[東京][true][2023-03-15]"
            " 5[line\\r\\ntwo_x][false][2023-03-15T12:00:00]"
            " 6~[#DIV/0!][2.5]{cell B6 holds the error #DIV/0!}"
            " 7~~[12:00:00]"
            " 8[1e+21][0.1][60]{cell C8 has a date format, but 60 is 1900-02-29, a day that does "
            "not exist (a 1900 leap-year error kept by Excel)}"
            " 10[out]~~{cell D10 lies outside the header's columns (A to C)}");
}

TEST_F(XlsxReaderTest, Reads1904DateSystem) {
  const std::string styles = std::string("<styleSheet xmlns=\"") + kMainNamespace +
                             "\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
                             "</cellXfs></styleSheet>";
  const std::string sheet =
      Sheet("<row r=\"1\">" + InlineCell("A1", "day") +
            "</row><row r=\"2\"><c r=\"A2\" s=\"1\">"
            "<v>0</v></c></row><row r=\"3\"><c r=\"A3\" s=\"1\"><v>45000</v></c></row>");
  const std::string path = dir_ + "/1904.xlsx";
  ASSERT_TRUE(WriteZip(path, MinimalWorkbook(sheet, "", styles, /*date1904=*/true)));
  EXPECT_EQ(Dump(path), "xlsx//Data [day] 2[1904-01-01] 3[2027-03-16]");
}

TEST_F(XlsxReaderTest, DamagedXmlStopsTheReadingAfterTheRowsBeforeIt) {
  const std::string sheet = Sheet("<row r=\"1\">" + InlineCell("A1", "h") + "</row><row r=\"2\">" +
                                  InlineCell("A2", "v") + "</row><row r=\"3\"><c></row>");
  const std::string path = dir_ + "/damaged.xlsx";
  ASSERT_TRUE(WriteZip(path, MinimalWorkbook(sheet, "", "")));
  EXPECT_TRUE(testing::DumpMatches(
      Dump(path),
      "xlsx//Data [h] 2[v] error{the XLSX file is damaged: xl/worksheets/sheet1.xml line 2, "
      "column ..."))
      << Dump(path);
}

TEST_F(XlsxReaderTest, DamagedZipDataIsAnError) {
  const std::string sheet = Sheet("<row r=\"1\">" + InlineCell("A1", "h") + "</row><row r=\"2\">" +
                                  InlineCell("A2", "MARKER") + "</row>");
  const std::string path = dir_ + "/crc.xlsx";
  ASSERT_TRUE(WriteZip(path, MinimalWorkbook(sheet, "", ""), /*stored=*/true));
  std::string bytes;
  {
    std::ifstream file(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  std::size_t marker = bytes.find("MARKER");
  ASSERT_NE(marker, std::string::npos);
  bytes[marker + 5] = 'X';  // the stored bytes no longer match their CRC
  ASSERT_TRUE(testing::WriteFile(path, bytes));
  std::string dump = Dump(path);
  EXPECT_NE(dump.find("error{the XLSX file is damaged: xl/worksheets/sheet1.xml: "),
            std::string::npos)
      << dump;
}

TEST_F(XlsxReaderTest, RefusesWhatIsNoWorkbook) {
  const std::string not_workbook = dir_ + "/other.zip";
  ASSERT_TRUE(WriteZip(not_workbook, {{"hello.txt", "hello"}}));
  EXPECT_EQ(Dump(not_workbook),
            "open-error{the file is a zip archive but not an XLSX workbook (it has no "
            "xl/workbook.xml)}");

  const std::string with_dtd = dir_ + "/dtd.xlsx";
  ASSERT_TRUE(WriteZip(
      with_dtd, MinimalWorkbook(std::string("<!DOCTYPE worksheet [<!ENTITY a "
                                            "\"b\">]><worksheet xmlns=\"") +
                                    kMainNamespace + "\"><sheetData><row>" +
                                    InlineCell("A1", "&a;") + "</row></sheetData></worksheet>",
                                "", "")));
  EXPECT_EQ(Dump(with_dtd), "open-error{the XLSX file is damaged: an XML part has a DTD}");

  const std::string bad_index = dir_ + "/index.xlsx";
  ASSERT_TRUE(WriteZip(
      bad_index,
      MinimalWorkbook(
          Sheet("<row r=\"1\">" + InlineCell("A1", "h") +
                "</row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row>"),
          std::string("<sst xmlns=\"") + kMainNamespace + "\"><si><t>only</t></si></sst>", "")));
  EXPECT_EQ(Dump(bad_index),
            "xlsx//Data [h] error{row 2: the XLSX file is damaged: cell A2 refers to shared "
            "string \"7\" but there are 1}");
}

TEST_F(XlsxReaderTest, RefusesACellLongerThanTheLimit) {
  const std::string path = dir_ + "/long.xlsx";
  ASSERT_TRUE(WriteZip(
      path, MinimalWorkbook(Sheet("<row r=\"1\">" + InlineCell("A1", "h") + "</row><row r=\"2\">" +
                                  InlineCell("A2", "abcdef") + "</row>"),
                            "", "")));
  EXPECT_EQ(Dump(path, "max_field=5"),
            "xlsx//Data [h] error{row 2: cell A2 is longer than 5 bytes}");
}

TEST(XlsxPackageTest, ResolvesPartNames) {
  EXPECT_EQ(ResolvePartName("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml");
  EXPECT_EQ(ResolvePartName("xl/workbook.xml", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml");
  EXPECT_EQ(ResolvePartName("xl/workbook.xml", "../customXml/item1.xml"), "customXml/item1.xml");
  EXPECT_EQ(ResolvePartName("", "xl/workbook.xml"), "xl/workbook.xml");
  EXPECT_EQ(RelationshipsPartName("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
  EXPECT_EQ(RelationshipsPartName(""), "_rels/.rels");
}

TEST(XlsxPackageTest, DecodesOoxmlEscapes) {
  EXPECT_EQ(DecodeOoxmlEscapes("a_x000D_b"), "a\rb");
  EXPECT_EQ(DecodeOoxmlEscapes("_x005F_x000D_"), "_x000D_");
  EXPECT_EQ(DecodeOoxmlEscapes("_x4E2D_"), "中");
  EXPECT_EQ(DecodeOoxmlEscapes("_xZZZZ_ _x12_"), "_xZZZZ_ _x12_");
  EXPECT_EQ(DecodeOoxmlEscapes("_xD800_"), "_xD800_");
}

}  // namespace
}  // namespace gongshu::tabular
