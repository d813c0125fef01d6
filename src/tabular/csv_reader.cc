#include "tabular/csv_reader.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "tabular/column_names.h"
#include "tabular/csv_delimiter.h"
#include "tabular/csv_parser.h"

namespace gongshu::tabular {
namespace {

class CsvSource final : public TableSource {
 public:
  CsvSource(std::unique_ptr<TextDecoder> decoder, const ReadLimits& limits)
      : decoder_(std::move(decoder)),
        limits_(limits),
        buffer_(std::max<std::size_t>(2 * limits.chunk_bytes, limits.sample_bytes + 64)),
        parser_(',', limits.max_field_bytes) {
    description_.format = "csv";
    description_.encoding = std::string(TextEncodingName(decoder_->encoding()));
  }

  Status Start(char delimiter);

  const std::vector<std::string>& ColumnNames() const override { return columns_; }
  const SourceDescription& Description() const override { return description_; }
  std::uint64_t BytesRead() const override { return decoder_->BytesRead(); }

  Result<bool> Next(Record& record) override {
    Result<bool> read = ReadRecord(record);
    if (read.ok() && *read && record.problem.empty() && record.cells.size() != columns_.size()) {
      record.problem = std::to_string(record.cells.size()) +
                       (record.cells.size() == 1 ? " field" : " fields") + ", the header has " +
                       std::to_string(columns_.size());
    }
    return read;
  }

 private:
  Result<bool> ReadRecord(Record& record);
  // Moves the unread text to the front of the buffer and appends the next text of the file.
  Status Refill();
  Status Fail(Status status) {
    failure_ = status;
    return status;
  }
  std::string LineText(std::uint64_t line) const { return "line " + std::to_string(line); }

  std::unique_ptr<TextDecoder> decoder_;
  ReadLimits limits_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // the unread text is buffer_[begin_, end_)
  std::size_t end_ = 0;
  bool at_end_ = false;     // the decoder has no more text
  std::uint64_t line_ = 1;  // the line at begin_
  CsvRecordParser parser_;
  std::vector<std::string> columns_;
  SourceDescription description_;
  Status failure_;
};

Status CsvSource::Refill() {
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t wanted_space = std::max<std::size_t>(limits_.chunk_bytes, 8);
  if (buffer_.size() - end_ < wanted_space) {
    buffer_.resize(std::max(buffer_.size() * 2, end_ + wanted_space));
  }
  Result<std::size_t> got = decoder_->Read(buffer_.data() + end_, buffer_.size() - end_);
  if (!got.ok()) {
    // The decoder returned every byte before the fault: it sits at the end of the buffer.
    std::uint64_t line = line_ + static_cast<std::uint64_t>(std::count(
                                     buffer_.data() + begin_, buffer_.data() + end_, '\n'));
    return Status(got.status().code() == StatusCode::kInvalidArgument
                      ? Status::InvalidArgument(LineText(line) + ": " + got.status().message())
                      : got.status());
  }
  if (*got == 0) at_end_ = true;
  end_ += *got;
  return Status::Ok();
}

Result<bool> CsvSource::ReadRecord(Record& record) {
  if (!failure_.ok()) return failure_;
  while (true) {
    if (begin_ == end_ && at_end_) return false;
    CsvParseResult parsed = parser_.Parse(buffer_.data() + begin_, end_ - begin_, at_end_, record);
    switch (parsed.kind) {
      case CsvParseResult::Kind::kRecord:
        // Checked on whole records too, so the limit does not depend on where chunks end.
        if (parsed.consumed > limits_.max_record_bytes) {
          return Fail(Status::InvalidArgument(LineText(line_) + ": a record is longer than " +
                                              ByteSizeText(limits_.max_record_bytes)));
        }
        record.line = line_;
        begin_ += parsed.consumed;
        line_ += parsed.line_breaks;
        return true;
      case CsvParseResult::Kind::kBlankLine:
        begin_ += parsed.consumed;
        line_ += parsed.line_breaks;
        break;
      case CsvParseResult::Kind::kNeedMore:
        if (at_end_) return Fail(Status::Internal("CSV parser wants text after the end"));
        // The unread text is one incomplete record: bound it before reading more.
        if (end_ - begin_ > limits_.max_record_bytes) {
          return Fail(Status::InvalidArgument(LineText(line_) + ": a record is longer than " +
                                              ByteSizeText(limits_.max_record_bytes)));
        }
        GONGSHU_RETURN_IF_ERROR(Fail(Refill()));
        break;
      case CsvParseResult::Kind::kError:
        return Fail(Status::InvalidArgument(LineText(line_ + parsed.error_line_offset) + ": " +
                                            parsed.error));
    }
  }
}

Status CsvSource::Start(char delimiter) {
  while (end_ < limits_.sample_bytes && !at_end_) GONGSHU_RETURN_IF_ERROR(Refill());
  std::string_view sample(buffer_.data(), end_);
  if (sample.empty()) return Status::InvalidArgument("the file is empty");
  if (sample.find('\n') == std::string_view::npos) {
    std::size_t carriage_return = sample.find('\r');
    if (carriage_return != std::string_view::npos && carriage_return + 1 < sample.size()) {
      return Status::InvalidArgument(
          "lines end with CR alone (old Mac line ends); save the file with LF or CR LF line "
          "ends");
    }
  }
  if (delimiter == 0) delimiter = SniffCsvDelimiter(sample, at_end_);
  if (kCsvDelimiters.find(delimiter) == std::string_view::npos) {
    return Status::InvalidArgument("the CSV delimiter must be one of , tab ; |");
  }
  description_.delimiter = delimiter;
  parser_ = CsvRecordParser(delimiter, limits_.max_field_bytes);

  Record header;
  Result<bool> read = ReadRecord(header);
  if (!read.ok()) return read.status();
  if (!*read) return Status::InvalidArgument("the file has no header row (only blank lines)");
  const std::string where = LineText(header.line);
  if (!header.problem.empty()) {
    return Status::InvalidArgument(where + ": the header row is malformed: " + header.problem);
  }
  std::vector<std::string_view> raw_names;
  raw_names.reserve(header.cells.size());
  for (const Cell& cell : header.cells) raw_names.push_back(cell.text);
  Result<std::vector<std::string>> names =
      CheckedColumnNames(raw_names, where, ColumnLabel::kNumber);
  if (!names.ok()) return names.status();
  columns_ = std::move(names).value();
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<TableSource>> OpenCsvSource(std::unique_ptr<TextDecoder> decoder,
                                                   char delimiter, const ReadLimits& limits) {
  auto source = std::make_unique<CsvSource>(std::move(decoder), limits);
  GONGSHU_RETURN_IF_ERROR(source->Start(delimiter));
  return std::unique_ptr<TableSource>(std::move(source));
}

}  // namespace gongshu::tabular
