#include "tabular/json_reader.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tabular/column_names.h"
#include "tabular/json_element.h"

namespace gongshu::tabular {
namespace {

bool IsJsonSpace(char symbol) {
  return symbol == ' ' || symbol == '\t' || symbol == '\r' || symbol == '\n';
}

// The line and column (in characters, both 1-based) of `offset` in `text`, when text[0] is at
// `line`, `column`.
std::pair<std::uint64_t, std::uint64_t> PositionIn(std::string_view text, std::size_t offset,
                                                   std::uint64_t line, std::uint64_t column) {
  offset = std::min(offset, text.size());
  for (std::size_t index = 0; index < offset; ++index) {
    const auto byte = static_cast<unsigned char>(text[index]);
    if (byte == '\n') {
      ++line;
      column = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

std::string Where(std::uint64_t line, std::uint64_t column) {
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// One element (array) or non-blank line (NDJSON): its place in the buffer and in the file.
struct ElementSpan {
  std::size_t offset = 0;  // in the buffer
  std::size_t size = 0;
  std::uint64_t line = 0;    // physical line of its first character
  std::uint64_t column = 1;  // column of its first character
  std::uint64_t number = 0;  // element number (array) or line number (NDJSON)
};

class JsonSource final : public TableSource {
 public:
  JsonSource(std::unique_ptr<TextDecoder> decoder, JsonLayout layout, const ReadLimits& limits)
      : decoder_(std::move(decoder)),
        layout_(layout),
        limits_(limits),
        buffer_(std::max<std::size_t>(2 * limits.chunk_bytes, 64)) {
    description_.format = layout == JsonLayout::kArray ? "json" : "ndjson";
    description_.encoding = std::string(TextEncodingName(decoder_->encoding()));
  }

  Status Start();

  const std::vector<std::string>& ColumnNames() const override { return columns_; }
  const SourceDescription& Description() const override { return description_; }
  std::uint64_t BytesRead() const override { return decoder_->BytesRead(); }
  Result<bool> Next(Record& record) override;

 private:
  // The next element into `span`; false at the end of the file.
  Result<bool> NextElement(ElementSpan& span) {
    return layout_ == JsonLayout::kArray ? NextArrayElement(span) : NextLine(span);
  }
  Result<bool> NextArrayElement(ElementSpan& span);
  Result<bool> NextLine(ElementSpan& span);
  // Moves buffer_[keep_from, end_) to the front and appends text; `line` is the line at end_,
  // for the message of a decoding fault.
  Status Refill(std::size_t keep_from, std::uint64_t line);
  Status Fail(Status status) {
    failure_ = status;
    return status;
  }
  std::string_view Text(const ElementSpan& span) const {
    return std::string_view(buffer_.data() + span.offset, span.size);
  }
  Status ElementTooLong() const {
    return Status::InvalidArgument("element " + std::to_string(elements_ + 1) + " (" +
                                   Where(element_.line, element_.column) + ") is longer than " +
                                   ByteSizeText(limits_.max_record_bytes));
  }
  Status SyntaxFault(const ElementSpan& span, const JsonSyntaxError& error) const {
    auto [line, column] = PositionIn(Text(span), error.offset, span.line, span.column);
    return Status::InvalidArgument(Where(line, column) +
                                   ": JSON is not well-formed: " + error.reason);
  }

  std::unique_ptr<TextDecoder> decoder_;
  JsonLayout layout_;
  ReadLimits limits_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread text is buffer_[begin_, end_)
  std::size_t end_ = 0;
  bool at_end_ = false;
  std::uint64_t text_bytes_ = 0;  // text read from the decoder so far
  std::uint64_t line_ = 1;        // NDJSON: line at begin_; array: line at scan_
  std::uint64_t column_ = 1;      // array: column at scan_

  // The array scanner: where it is in the text, and in the grammar.
  enum class ArrayState {
    kStart,
    kFirstElementOrEnd,
    kElementAfterComma,
    kInElement,
    kCommaOrEnd,
    kDone
  };
  ArrayState state_ = ArrayState::kStart;
  std::size_t scan_ = 0;   // next byte to look at (>= begin_)
  ElementSpan element_;    // the element being scanned
  char element_kind_ = 0;  // '{' for an object or array, '"' for a string, 0 for a scalar
  int depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
  std::uint64_t elements_ = 0;

  std::optional<ElementSpan> first_;  // the first element, read by Start, returned first
  std::optional<JsonElementDecoder> element_decoder_;
  std::vector<std::string> columns_;
  SourceDescription description_;
  Status failure_;
};

Status JsonSource::Refill(std::size_t keep_from, std::uint64_t line) {
  if (keep_from > 0) {
    std::memmove(buffer_.data(), buffer_.data() + keep_from, end_ - keep_from);
    end_ -= keep_from;
    scan_ -= std::min(scan_, keep_from);
    element_.offset -= std::min(element_.offset, keep_from);
    begin_ -= std::min(begin_, keep_from);
  }
  const std::size_t wanted_space = std::max<std::size_t>(limits_.chunk_bytes, 8);
  if (buffer_.size() - end_ < wanted_space) {
    buffer_.resize(std::max(buffer_.size() * 2, end_ + wanted_space));
  }
  Result<std::size_t> got = decoder_->Read(buffer_.data() + end_, buffer_.size() - end_);
  if (!got.ok()) {
    if (got.status().code() != StatusCode::kInvalidArgument) return got.status();
    return Status::InvalidArgument("line " + std::to_string(line) + ": " + got.status().message());
  }
  if (*got == 0) at_end_ = true;
  end_ += *got;
  text_bytes_ += *got;
  return Status::Ok();
}

Result<bool> JsonSource::NextLine(ElementSpan& span) {
  while (true) {
    const char* text = buffer_.data() + begin_;
    const auto* line_feed = static_cast<const char*>(std::memchr(text, '\n', end_ - begin_));
    if (line_feed == nullptr && !at_end_) {
      if (end_ - begin_ > limits_.max_record_bytes) {
        return Status::InvalidArgument("line " + std::to_string(line_) + " is longer than " +
                                       ByteSizeText(limits_.max_record_bytes));
      }
      const std::uint64_t line_at_end =
          line_ + static_cast<std::uint64_t>(std::count(text, text + (end_ - begin_), '\n'));
      GONGSHU_RETURN_IF_ERROR(Refill(begin_, line_at_end));
      continue;
    }
    if (line_feed == nullptr && begin_ == end_) return false;
    const std::size_t size =
        line_feed != nullptr ? static_cast<std::size_t>(line_feed - text) : end_ - begin_;
    span.offset = begin_;
    span.size = size;
    span.line = line_;
    span.column = 1;
    span.number = line_;
    begin_ += line_feed != nullptr ? size + 1 : size;
    ++line_;
    if (span.size > limits_.max_record_bytes) {
      return Status::InvalidArgument("line " + std::to_string(span.line) + " is longer than " +
                                     ByteSizeText(limits_.max_record_bytes));
    }
    std::string_view line = Text(span);
    if (std::all_of(line.begin(), line.end(), IsJsonSpace)) continue;  // a blank line
    return true;
  }
}

// Written by hand: nlohmann's parser reads a whole document (or, with SAX, pushes every event of
// it), while a multi-GB array must be read one element at a time. The scanner only finds where
// each element starts and ends, tracking strings, escapes and nesting; nlohmann then parses the
// element.
Result<bool> JsonSource::NextArrayElement(ElementSpan& span) {
  while (true) {
    if (scan_ == end_) {
      if (at_end_) {
        if (state_ == ArrayState::kDone) return false;
        if (state_ == ArrayState::kInElement && element_kind_ == 0) {
          // A scalar element ends at the end of the text; the array is still unclosed.
          span = element_;
          span.size = scan_ - element_.offset;
          state_ = ArrayState::kCommaOrEnd;
          ++elements_;
          return true;
        }
        if (text_bytes_ == 0) return Status::InvalidArgument("the file is empty");
        return Status::InvalidArgument(Where(line_, column_) +
                                       ": the file ends inside the JSON array");
      }
      const std::size_t keep_from = state_ == ArrayState::kInElement ? element_.offset : scan_;
      GONGSHU_RETURN_IF_ERROR(Refill(keep_from, line_));
      continue;
    }
    // Checked while scanning too, so that the buffer stays bounded.
    if (state_ == ArrayState::kInElement && scan_ - element_.offset > limits_.max_record_bytes) {
      return ElementTooLong();
    }
    const char symbol = buffer_[scan_];
    bool element_ends = false;  // after this byte
    switch (state_) {
      case ArrayState::kStart:
        if (symbol == '[') {
          state_ = ArrayState::kFirstElementOrEnd;
        } else if (!IsJsonSpace(symbol)) {
          return Status::InvalidArgument(Where(line_, column_) +
                                         ": a JSON file must hold one array of objects, starting "
                                         "with '['");
        }
        break;
      case ArrayState::kFirstElementOrEnd:
      case ArrayState::kElementAfterComma:
        if (IsJsonSpace(symbol)) break;
        if (symbol == ']') {
          if (state_ == ArrayState::kElementAfterComma) {
            return Status::InvalidArgument(Where(line_, column_) +
                                           ": JSON is not well-formed: an element must follow ','");
          }
          state_ = ArrayState::kDone;
          break;
        }
        state_ = ArrayState::kInElement;
        element_ = ElementSpan{scan_, 0, line_, column_, elements_ + 1};
        element_kind_ = symbol == '{' || symbol == '[' ? '{' : symbol == '"' ? '"' : 0;
        depth_ = element_kind_ == '{' ? 1 : 0;
        in_string_ = element_kind_ == '"';
        escape_ = false;
        if (element_kind_ == 0 && (symbol == ',' || symbol == '}')) element_ends = true;
        break;
      case ArrayState::kInElement:
        if (in_string_) {
          if (escape_) {
            escape_ = false;
          } else if (symbol == '\\') {
            escape_ = true;
          } else if (symbol == '"') {
            in_string_ = false;
            element_ends = element_kind_ == '"';
          }
        } else if (element_kind_ == 0) {
          if (IsJsonSpace(symbol) || symbol == ',' || symbol == ']') {
            // A scalar ends before this byte, which the next state reads again.
            if (scan_ - element_.offset > limits_.max_record_bytes) return ElementTooLong();
            span = element_;
            span.size = scan_ - element_.offset;
            state_ = ArrayState::kCommaOrEnd;
            ++elements_;
            return true;
          }
        } else if (symbol == '"') {
          in_string_ = true;
        } else if (symbol == '{' || symbol == '[') {
          ++depth_;
        } else if (symbol == '}' || symbol == ']') {
          element_ends = --depth_ == 0;
        }
        break;
      case ArrayState::kCommaOrEnd:
        if (symbol == ',') {
          state_ = ArrayState::kElementAfterComma;
        } else if (symbol == ']') {
          state_ = ArrayState::kDone;
        } else if (!IsJsonSpace(symbol)) {
          return Status::InvalidArgument(Where(line_, column_) +
                                         ": JSON is not well-formed: ',' or ']' must follow "
                                         "element " +
                                         std::to_string(elements_));
        }
        break;
      case ArrayState::kDone:
        if (!IsJsonSpace(symbol)) {
          return Status::InvalidArgument(Where(line_, column_) +
                                         ": JSON is not well-formed: text after the end of the "
                                         "array");
        }
        break;
    }
    ++scan_;
    const auto byte = static_cast<unsigned char>(symbol);
    if (byte == '\n') {
      ++line_;
      column_ = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++column_;
    }
    if (element_ends) {
      if (scan_ - element_.offset > limits_.max_record_bytes) return ElementTooLong();
      span = element_;
      span.size = scan_ - element_.offset;
      state_ = ArrayState::kCommaOrEnd;
      ++elements_;
      return true;
    }
  }
}

Status JsonSource::Start() {
  ElementSpan first;
  Result<bool> found = NextElement(first);
  if (!found.ok()) return found.status();
  if (!*found) {
    if (text_bytes_ == 0) return Status::InvalidArgument("the file is empty");
    return Status::InvalidArgument(layout_ == JsonLayout::kArray
                                       ? "the JSON array has no elements, so no columns"
                                       : "the file holds no JSON object, so no columns");
  }
  const std::string where = "line " + std::to_string(first.line);
  const std::string what = layout_ == JsonLayout::kArray ? "element" : "line";
  JsonSyntaxError syntax_error;
  Result<JsonKeys> keys = ReadJsonKeys(Text(first), syntax_error);
  if (!keys.ok()) return SyntaxFault(first, syntax_error);
  if (!keys->is_object) {
    return Status::InvalidArgument(where + ": the first " + what +
                                   " is not an object, so it gives no column names");
  }
  if (keys->keys.empty()) {
    return Status::InvalidArgument(where + ": the first object has no keys, so no columns");
  }
  std::vector<std::string_view> raw(keys->keys.begin(), keys->keys.end());
  Result<std::vector<std::string>> names = CheckedColumnNames(raw, where, ColumnLabel::kKey);
  if (!names.ok()) return names.status();
  columns_ = std::move(names).value();
  element_decoder_.emplace(std::move(keys).value().keys, columns_, what, limits_.max_field_bytes);
  first_ = first;
  return Status::Ok();
}

Result<bool> JsonSource::Next(Record& record) {
  if (!failure_.ok()) return failure_;
  ElementSpan span;
  if (first_.has_value()) {
    span = *first_;
    first_.reset();
  } else {
    Result<bool> found = NextElement(span);
    if (!found.ok()) return Fail(found.status());
    if (!*found) return false;
  }
  JsonSyntaxError syntax_error;
  Status decoded = element_decoder_->Decode(Text(span), record, syntax_error);
  if (!decoded.ok()) {
    if (!syntax_error.reason.empty()) return Fail(SyntaxFault(span, syntax_error));
    return Fail(
        Status::InvalidArgument("line " + std::to_string(span.line) + ": " + decoded.message()));
  }
  record.line = span.number;
  return true;
}

}  // namespace

Result<std::unique_ptr<TableSource>> OpenJsonSource(std::unique_ptr<TextDecoder> decoder,
                                                    JsonLayout layout, const ReadLimits& limits) {
  auto source = std::make_unique<JsonSource>(std::move(decoder), layout, limits);
  GONGSHU_RETURN_IF_ERROR(source->Start());
  return std::unique_ptr<TableSource>(std::move(source));
}

}  // namespace gongshu::tabular
