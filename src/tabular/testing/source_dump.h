// Test helpers for the table readers: write a file, open it with options written as text, and
// dump everything a source yields as one line of text that a table file can hold.
//
// Test-only: include it only from test binaries.
#pragma once

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "tabular/read_limits.h"
#include "tabular/table_format.h"
#include "tabular/table_source.h"

namespace gongshu::tabular::testing {

// Writes `bytes` to `path`; false when it cannot.
inline bool WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(file);
}

// Applies "key=value&key=value" (or "-" for none): format, encoding, delimiter, sheet,
// file_name, and the limits sample, max_field, max_record.
inline void ApplyOptions(std::string_view spec, OpenOptions& options, ReadLimits& limits) {
  if (spec == "-") return;
  while (!spec.empty()) {
    std::size_t amp = spec.find('&');
    std::string_view item = spec.substr(0, amp);
    spec = amp == std::string_view::npos ? std::string_view() : spec.substr(amp + 1);
    std::size_t equals = item.find('=');
    std::string key(item.substr(0, equals));
    std::string value(equals == std::string_view::npos ? "" : item.substr(equals + 1));
    if (key == "format") options.format = value;
    if (key == "encoding") options.encoding = value;
    if (key == "delimiter") options.delimiter = value.empty() ? 0 : value[0];
    if (key == "sheet") options.sheet = value;
    if (key == "file_name") options.file_name = value;
    if (key == "sample") limits.sample_bytes = std::strtoul(value.c_str(), nullptr, 10);
    if (key == "max_field") limits.max_field_bytes = std::strtoul(value.c_str(), nullptr, 10);
    if (key == "max_record") limits.max_record_bytes = std::strtoul(value.c_str(), nullptr, 10);
  }
}

// LF, CR and tab as \n, \r, \t, so that a dump stays on one line of a table.
inline std::string Escaped(std::string_view text) {
  std::string escaped;
  for (char symbol : text) {
    if (symbol == '\n') {
      escaped += "\\n";
    } else if (symbol == '\r') {
      escaped += "\\r";
    } else if (symbol == '\t') {
      escaped += "\\t";
    } else {
      escaped += symbol;
    }
  }
  return escaped;
}

// Everything `opened` yields:
//   "open-error{message}" when it failed to open; otherwise
//   "<format>/<encoding>[/<delimiter or sheet>] [name][name]..." then for each record
//   " <line>" followed by "[text]" per cell or "~" per null cell, and "{problem}" when set;
//   a reading error ends the dump with " error{message}".
// The delimiter is written as itself, except tab as "tab".
inline std::string DumpSource(Result<std::unique_ptr<TableSource>> opened) {
  if (!opened.ok()) return "open-error{" + opened.status().message() + "}";
  TableSource& source = **opened;
  const SourceDescription& description = source.Description();
  std::string dump = description.format + "/" + description.encoding;
  if (description.format == "csv") {
    dump += description.delimiter == '\t' ? std::string("/tab")
                                          : "/" + std::string(1, description.delimiter);
  }
  if (description.format == "xlsx") dump += "/" + description.sheet;
  dump += " ";
  for (const std::string& name : source.ColumnNames()) dump += "[" + Escaped(name) + "]";
  Record record;
  for (int count = 0; count < 10000; ++count) {
    Result<bool> read = source.Next(record);
    if (!read.ok()) return dump + " error{" + read.status().message() + "}";
    if (!*read) return dump;
    dump += " " + std::to_string(record.line);
    for (const Cell& cell : record.cells) {
      dump += cell.is_null ? "~" : "[" + Escaped(cell.text) + "]";
      if (cell.is_null && !cell.text.empty()) dump += "(null with text!)";
    }
    if (!record.problem.empty()) dump += "{" + record.problem + "}";
  }
  return dump + " (more than 10000 records)";
}

// Whether `actual` is `expected`, or starts with it when `expected` ends with "...".
inline bool DumpMatches(std::string_view actual, std::string_view expected) {
  if (expected.size() >= 3 && expected.substr(expected.size() - 3) == "...") {
    expected.remove_suffix(3);
    return actual.substr(0, expected.size()) == expected;
  }
  return actual == expected;
}

}  // namespace gongshu::tabular::testing
