#include "tabular/json_element.h"

#include <exception>
#include <nlohmann/json.hpp>
#include <utility>

#include "tabular/column_names.h"
#include "tabular/read_limits.h"

namespace gongshu::tabular {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
// column 2: " prefix, whose position is relative to the element, not the file.
std::string SyntaxReason(const std::exception& error) {
  std::string_view text = error.what();
  std::size_t bracket = text.find("] ");
  if (bracket != std::string_view::npos) text.remove_prefix(bracket + 2);
  if (text.substr(0, 15) == "parse error at ") {
    std::size_t colon = text.find(": ");
    if (colon != std::string_view::npos) text.remove_prefix(colon + 2);
  }
  return std::string(text);
}

// The literal text of each number directly inside the element's outer object or array, in
// order. nlohmann's SAX events give integers only as values, so "-0" or the exact spelling of a
// number would be lost; this scan keeps the text. Written by hand: it only tracks strings and
// nesting, on text that the SAX parser checks as well.
void CollectTopLevelNumbers(std::string_view element, std::vector<std::string_view>& numbers) {
  numbers.clear();
  int depth = 0;
  bool in_string = false;
  bool escape = false;
  for (std::size_t index = 0; index < element.size(); ++index) {
    const char symbol = element[index];
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (symbol == '\\') {
        escape = true;
      } else if (symbol == '"') {
        in_string = false;
      }
      continue;
    }
    switch (symbol) {
      case '"':
        in_string = true;
        break;
      case '{':
      case '[':
        ++depth;
        break;
      case '}':
      case ']':
        --depth;
        break;
      default:
        if (depth == 1 && (symbol == '-' || (symbol >= '0' && symbol <= '9'))) {
          std::size_t end = index + 1;
          while (end < element.size() &&
                 std::string_view("0123456789+-.eE").find(element[end]) != std::string_view::npos) {
            ++end;
          }
          numbers.push_back(element.substr(index, end - index));
          index = end - 1;
        }
        break;
    }
  }
}

// The SAX events nlohmann's parser sends, with nothing done; handlers override what they use.
class SaxBase {
 public:
  bool null() { return true; }
  bool boolean(bool /*value*/) { return true; }
  bool number_integer(Json::number_integer_t /*value*/) { return true; }
  bool number_unsigned(Json::number_unsigned_t /*value*/) { return true; }
  bool number_float(Json::number_float_t /*value*/, const std::string& /*literal*/) { return true; }
  bool string(std::string& /*value*/) { return true; }
  bool binary(Json::binary_t& /*value*/) { return true; }
  bool key(std::string& /*key*/) { return true; }
  bool start_object(std::size_t /*size*/) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t /*size*/) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    syntax_error_->offset = position > 0 ? position - 1 : 0;
    syntax_error_->reason = SyntaxReason(error);
    return false;
  }

 protected:
  explicit SaxBase(JsonSyntaxError& syntax_error) : syntax_error_(&syntax_error) {}
  JsonSyntaxError* syntax_error_;
};

class KeyCollector : public SaxBase {
 public:
  KeyCollector(JsonKeys& keys, JsonSyntaxError& syntax_error)
      : SaxBase(syntax_error), keys_(&keys) {}
  bool start_object(std::size_t /*size*/) {
    if (depth_++ == 0) keys_->is_object = true;
    return true;
  }
  bool start_array(std::size_t /*size*/) {
    ++depth_;
    return true;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool key(std::string& key) {
    if (depth_ == 1) keys_->keys.push_back(key);
    return true;
  }

 private:
  JsonKeys* keys_;
  int depth_ = 0;
};

// Runs nlohmann's SAX parser over `element`; false when it stopped (a syntax error, reported
// through the handler's parse_error, or the handler's own refusal).
template <typename Handler>
bool RunSax(std::string_view element, Handler& handler, JsonSyntaxError& syntax_error) {
  try {
    return Json::sax_parse(element.data(), element.data() + element.size(), &handler,
                           Json::input_format_t::json, /*strict=*/true);
  } catch (const std::exception& error) {  // nlohmann reports through parse_error; this is spare
    syntax_error.offset = 0;
    syntax_error.reason = SyntaxReason(error);
    return false;
  }
}

}  // namespace

Result<JsonKeys> ReadJsonKeys(std::string_view element, JsonSyntaxError& syntax_error) {
  JsonKeys keys;
  KeyCollector collector(keys, syntax_error);
  if (!RunSax(element, collector, syntax_error)) {
    return Status::InvalidArgument("JSON is not well-formed: " + syntax_error.reason);
  }
  return keys;
}

class JsonElementDecoder::Handler : public SaxBase {
 public:
  Handler(JsonElementDecoder& decoder, Record& record, JsonSyntaxError& syntax_error)
      : SaxBase(syntax_error), decoder_(&decoder), record_(&record) {}

  bool null() { return Value(Cell{std::string_view(), true}); }
  bool boolean(bool value) { return Value(Cell{value ? "true" : "false", false}); }
  bool number_integer(Json::number_integer_t /*value*/) { return Number(); }
  bool number_unsigned(Json::number_unsigned_t /*value*/) { return Number(); }
  bool number_float(Json::number_float_t /*value*/, const std::string& /*literal*/) {
    return Number();
  }
  bool string(std::string& value) {
    if (!InObject() || column_ == kNoColumn) return true;
    if (value.size() > decoder_->max_field_bytes_) {
      refusal_ = Status::InvalidArgument("the value of key \"" + key_ + "\" is longer than " +
                                         ByteSizeText(decoder_->max_field_bytes_));
      return false;
    }
    std::string& slot = decoder_->values_[column_];
    slot.assign(value);  // keeps the slot's capacity from element to element
    return Value(Cell{slot, false});
  }
  bool start_object(std::size_t /*size*/) {
    if (depth_ == 0) is_object_ = true;
    if (InObject()) Problem("field \"" + key_ + "\" holds an object");
    ++depth_;
    return true;
  }
  bool start_array(std::size_t /*size*/) {
    if (InObject()) Problem("field \"" + key_ + "\" holds an array");
    ++depth_;
    return true;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool key(std::string& key) {
    if (depth_ != 1 || !is_object_) return true;
    const std::vector<std::string>& raw_keys = decoder_->raw_keys_;
    const std::size_t expected = keys_seen_++;
    // Objects usually repeat the first object's keys in its order: compare before hashing.
    column_ = kNoColumn;
    if (expected < raw_keys.size() && key == raw_keys[expected]) {
      column_ = expected;
    } else {
      auto found = decoder_->column_of_key_.find(std::string(TrimColumnName(key)));
      if (found != decoder_->column_of_key_.end()) column_ = found->second;
    }
    key_ = key;
    if (column_ == kNoColumn) {
      Problem("key \"" + key + "\" is not a column (the first object has no such key)");
    } else if (decoder_->seen_[column_]) {
      Problem("key \"" + key + "\" appears twice");
      column_ = kNoColumn;
    } else {
      decoder_->seen_[column_] = true;
    }
    return true;
  }

  bool is_object() const { return is_object_; }
  const Status& refusal() const { return refusal_; }

 private:
  // A value directly inside the element's object, as opposed to the element itself or a value
  // nested deeper.
  bool InObject() const { return depth_ == 1 && is_object_; }
  bool Value(Cell cell) {
    if (!InObject()) return true;
    if (column_ != kNoColumn) record_->cells[column_] = cell;
    return true;
  }
  bool Number() {
    if (!InObject()) return true;
    std::string_view literal;
    if (number_index_ < decoder_->numbers_.size()) literal = decoder_->numbers_[number_index_];
    ++number_index_;
    return Value(Cell{literal, false});
  }
  void Problem(std::string problem) {
    if (record_->problem.empty()) record_->problem = std::move(problem);
  }

  JsonElementDecoder* decoder_;
  Record* record_;
  int depth_ = 0;
  bool is_object_ = false;
  std::size_t keys_seen_ = 0;
  std::size_t column_ = kNoColumn;  // the column of the last key, kNoColumn when it has none
  std::string key_;
  std::size_t number_index_ = 0;
  Status refusal_;
};

JsonElementDecoder::JsonElementDecoder(std::vector<std::string> raw_keys,
                                       const std::vector<std::string>& columns, std::string what,
                                       std::size_t max_field_bytes)
    : raw_keys_(std::move(raw_keys)),
      what_(std::move(what)),
      max_field_bytes_(max_field_bytes),
      values_(columns.size()),
      seen_(columns.size()) {
  for (std::size_t column = 0; column < columns.size(); ++column) {
    column_of_key_.emplace(columns[column], column);
  }
}

Status JsonElementDecoder::Decode(std::string_view element, Record& record,
                                  JsonSyntaxError& syntax_error) {
  record.cells.assign(values_.size(), Cell{std::string_view(), true});
  record.problem.clear();
  seen_.assign(values_.size(), false);
  CollectTopLevelNumbers(element, numbers_);
  Handler handler(*this, record, syntax_error);
  if (!RunSax(element, handler, syntax_error)) {
    if (!handler.refusal().ok()) return handler.refusal();
    return Status::InvalidArgument("JSON is not well-formed: " + syntax_error.reason);
  }
  if (!handler.is_object()) {
    record.cells.clear();
    record.problem = what_ + " is not an object";
  }
  return Status::Ok();
}

}  // namespace gongshu::tabular
