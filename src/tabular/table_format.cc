#include "tabular/table_format.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

#include "tabular/csv_reader.h"
#include "tabular/json_reader.h"
#include "tabular/text_decoding.h"
#include "tabular/xlsx_reader.h"

namespace gongshu::tabular {
namespace {

constexpr std::string_view kZipSignature = "PK\x03\x04";
// The compound-file signature of the legacy binary formats (.xls, .doc).
constexpr std::string_view kCompoundFileSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool EndsWith(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  std::string_view tail = text.substr(text.size() - suffix.size());
  for (std::size_t index = 0; index < suffix.size(); ++index) {
    char symbol = tail[index];
    if (symbol >= 'A' && symbol <= 'Z') symbol = static_cast<char>(symbol - 'A' + 'a');
    if (symbol != suffix[index]) return false;
  }
  return true;
}

// The first bytes of the file (up to `size`), or the reason it cannot be read.
Result<std::string> ReadPrefix(const std::string& path, std::size_t size) {
  int file = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file < 0) {
    if (errno == ENOENT) return Status::NotFound("no file " + path);
    return Status::Internal("cannot open " + path + ": " + std::strerror(errno));
  }
  std::string prefix(size, '\0');
  std::size_t total = 0;
  while (total < size) {
    ssize_t got = ::read(file, prefix.data() + total, size - total);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      Status error = Status::Internal("cannot read " + path + ": " + std::strerror(errno));
      ::close(file);
      return error;
    }
    if (got == 0) break;
    total += static_cast<std::size_t>(got);
  }
  ::close(file);
  prefix.resize(total);
  return prefix;
}

// The format the content of a file shows, from its first bytes.
std::string DetectFormat(std::string_view prefix, std::string_view file_name) {
  if (prefix.substr(0, kZipSignature.size()) == kZipSignature) return "xlsx";
  if (EndsWith(file_name, ".csv") || EndsWith(file_name, ".tsv")) return "csv";
  if (prefix.substr(0, 3) == "\xEF\xBB\xBF") prefix.remove_prefix(3);
  std::size_t first = prefix.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "csv";
  if (prefix[first] == '[') return "json";
  if (prefix[first] == '{') return "ndjson";
  return "csv";
}

}  // namespace

Result<std::unique_ptr<TableSource>> OpenTableSource(const std::string& path,
                                                     const OpenOptions& options) {
  return OpenTableSource(path, options, ReadLimits());
}

Result<std::unique_ptr<TableSource>> OpenTableSource(const std::string& path,
                                                     const OpenOptions& options,
                                                     const ReadLimits& limits) {
  const std::string& format_option = options.format;
  if (!format_option.empty() && format_option != "csv" && format_option != "json" &&
      format_option != "ndjson" && format_option != "xlsx") {
    return Status::InvalidArgument("unknown format \"" + format_option +
                                   "\"; expected csv, json, ndjson or xlsx");
  }
  if (!options.encoding.empty() && options.encoding != "utf-8" && options.encoding != "gb18030") {
    return Status::InvalidArgument("unknown encoding \"" + options.encoding +
                                   "\"; expected utf-8 or gb18030");
  }
  if (options.delimiter != 0 &&
      std::string_view(",\t;|").find(options.delimiter) == std::string_view::npos) {
    return Status::InvalidArgument("the CSV delimiter must be one of , tab ; |");
  }
  Result<std::string> prefix = ReadPrefix(path, 4096);
  if (!prefix.ok()) return prefix.status();
  if (prefix->empty()) return Status::InvalidArgument("the file is empty");
  if (prefix->substr(0, kCompoundFileSignature.size()) == kCompoundFileSignature) {
    std::string name = options.file_name.empty() ? "the file" : options.file_name;
    return Status::InvalidArgument(
        name + " is a legacy binary Excel (.xls) workbook; save it as .xlsx or CSV");
  }
  const std::string format =
      format_option.empty() ? DetectFormat(*prefix, options.file_name) : format_option;

  if (format == "xlsx") return OpenXlsxSource(path, options.sheet, limits);
  Result<std::unique_ptr<TextDecoder>> decoder = TextDecoder::Open(path, options.encoding, limits);
  if (!decoder.ok()) return decoder.status();
  if (format == "csv") return OpenCsvSource(std::move(decoder).value(), options.delimiter, limits);
  return OpenJsonSource(std::move(decoder).value(),
                        format == "json" ? JsonLayout::kArray : JsonLayout::kLines, limits);
}

}  // namespace gongshu::tabular
