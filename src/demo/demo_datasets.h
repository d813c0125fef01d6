// Demo data versions: which resources of the demo catalog get a data file, and the files
// themselves, generated deterministically so that `gongshu demo` can upload them through the
// normal ingestion pipeline (readers, declared-items check, quality profile, personal-data
// detection) and the tests and docs can tell the "upload fails, fix, upload again" story.
//
// Five kinds of data, each for the first suitable resource of the catalog:
//   enterprises   foreign_investment, else road_transport_operators: 2,000 enterprises with
//                 valid Unified Social Credit Codes (GB 32100), UTF-8 CSV;
//   bus_stops     bus_stops: 1,500 stops with coordinates, CSV encoded in GB18030 with only
//                 characters of its GBK subset, CRLF line ends, as a spreadsheet saves it;
//   air_quality   air_quality_hourly: 10 stations x 30 days x 24 hours (April 2026), NDJSON,
//                 AQI computed from the concentrations by HJ 633-2012;
//   hospitals     medical_institutions, else designated_hospitals: 300 institutions, XLSX
//                 (header row, text, number and boolean cells, dates with a date format);
//   drivers       taxi_drivers: 1,000 people with citizen IDs that pass GB 11643 (ISO 7064
//                 MOD 11-2, real birth date, Fujian division code), UTF-8 CSV with a BOM.
//
// Every file's columns are exactly the resource's items, in item order (CSV header, NDJSON and
// JSON key order, XLSX first row), and every value is written in the one spelling the item's
// type accepts (tabular/column_type.h CheckCellType): integers without leading zeros, decimals
// like 12.5, booleans true/false, dates YYYY-MM-DD, datetimes YYYY-MM-DDTHH:MM:SS. No value is
// empty and no text holds a line break; CSV fields with a comma (the bus routes "1路,18路") are
// quoted as RFC 4180 says. Places, names and codes are realistic for Fujian (福州, 厦门, 泉州) but
// invented: any match with a real person or enterprise is chance.
//
// Pure apart from WriteDemoDatasetFile and WriteDemoDatasetWithBadRows, which write one file.
// Deterministic: randomness is a SplitMix64 sequence mapped by hand, with no standard
// distribution and no floating-point library function, so the same dataset (seed included) gives
// the same table and the same CSV, JSON and NDJSON bytes on every platform; an XLSX file is the
// same for the same libxlsxwriter and zlib (its dates and zip times are fixed, not the clock's).
// Thread-safe: no shared mutable state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/resource.h"
#include "common/status.h"
#include "demo/demo_catalog.h"

namespace gongshu {

enum class DemoDatasetKind { kEnterprises, kBusStops, kAirQuality, kHospitals, kDrivers };
// "enterprises", "bus_stops", "air_quality", "hospitals", "drivers".
std::string_view DemoDatasetKindName(DemoDatasetKind kind);

// One data file for one demo resource.
struct DemoDataset {
  DemoDatasetKind kind = DemoDatasetKind::kEnterprises;
  // The resource, as an index into the vector given to DemoDatasets, and its name (unique in a
  // demo catalog). resource_id is copied from the resource: empty for generator output, where
  // the loader maps resource_index to the id the catalog assigned.
  size_t resource_index = 0;
  std::string resource_id;
  std::string resource_name;
  std::string concept_id;
  // The GB/T 2260 code whose places the data describes: the resource's spatial coverage, else
  // its provider's region. A district gives places of that district only; a city, of its
  // districts; anything else (the province) of 福州, 厦门 and 泉州 together.
  std::string region;
  std::vector<Item> items;  // the resource's declared items: the file's columns, in order
  std::string format;       // "csv", "json" (one array of objects), "ndjson" or "xlsx"
  // "utf-8", "utf-8-bom" or "gb18030" for csv; "utf-8" for json and ndjson; "" for xlsx (as
  // tabular::SourceDescription names them).
  std::string encoding;
  size_t row_count = 0;       // data rows, not counting the header
  std::string version_note;   // 版本说明 for the upload: "2026年第一季度", ...
  std::string file_name;      // a suggested file name: "<concept id>.<format>"
  uint64_t seed = kDemoSeed;  // the same seed gives the same file
};

// The datasets for `resources` (the demo catalog's, in its order), at most one per kind, in the
// order of DemoDatasetKind. For each kind the resource is the first one, in order of preference,
// that has a concept of the kind and whose every item the kind knows how to fill: registered
// (DemoStage::kCoded) before not, the concept listed first above before the other, then catalog
// order. A kind with no such resource is left out. Pure; `seed` goes into each dataset.
std::vector<DemoDataset> DemoDatasets(const std::vector<DemoResource>& resources,
                                      uint64_t seed = kDemoSeed);

// The content of a dataset before it is encoded: one text per cell, in the spelling written to
// CSV, JSON and NDJSON (XLSX stores numbers, booleans and dates as such).
struct DemoTable {
  std::vector<std::string> columns;  // the items' names
  std::vector<ItemType> types;       // the items' types
  std::vector<std::vector<std::string>> rows;
};

// The rows of `dataset`. InvalidArgument naming the item when the kind has no values for an
// item, or has values of another type than the item declares (a decimal for an integer item,
// ...); any kind's values fit a string item, and integers fit a decimal item. Also
// InvalidArgument when there are no items or row_count is 0 or above 1,000,000.
Result<DemoTable> GenerateDemoTable(const DemoDataset& dataset);

// Writes `dataset` to `path` (created or replaced) in its format and encoding. InvalidArgument
// for a dataset GenerateDemoTable refuses or for an unknown format or encoding (or one the format
// does not take); Internal when the file cannot be written.
Status WriteDemoDatasetFile(const DemoDataset& dataset, const std::string& path);

// A row the bad variant breaks on purpose, and why the upload should refuse it.
struct DemoBadRow {
  uint64_t line = 0;   // physical line in the file; the header is line 1
  std::string column;  // the item concerned
  std::string problem;
};

// Writes the file of `dataset` with three rows broken, as a person editing it by hand might, and
// returns them in line order. Every other line is the same as in WriteDemoDatasetFile's file, so
// that file is the fixed upload. With n rows (lines 2..n+1) the broken data rows are:
//   row n/10   the first decimal or integer column holds "东经" + its value (not a number);
//   row n/2    the last column is missing (a ragged row: one field fewer than the header);
//   row 4n/5   the first column (the record's id) is empty.
// InvalidArgument when the format is not csv, when row_count < 10 or when no column is decimal
// or integer; otherwise fails as WriteDemoDatasetFile does. The file is written in the dataset's
// encoding (GB18030 for the demo's bus stops).
Result<std::vector<DemoBadRow>> WriteDemoDatasetWithBadRows(const DemoDataset& dataset,
                                                            const std::string& path);

}  // namespace gongshu
