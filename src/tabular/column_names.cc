#include "tabular/column_names.h"

#include <unordered_map>

namespace gongshu::tabular {
namespace {

// The length of the white space (as TrimColumnName counts it) at the front of `text`, or 0.
std::size_t LeadingSpace(std::string_view text) {
  if (text.empty()) return 0;
  switch (text[0]) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\v':
    case '\f':
      return 1;
    default:
      break;
  }
  if (text.substr(0, 2) == "\xC2\xA0") return 2;
  if (text.substr(0, 3) == "\xE3\x80\x80" || text.substr(0, 3) == "\xEF\xBB\xBF") return 3;
  return 0;
}

std::size_t TrailingSpace(std::string_view text) {
  if (text.empty()) return 0;
  switch (text.back()) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\v':
    case '\f':
      return 1;
    default:
      break;
  }
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xA0") return 2;
  if (text.size() >= 3 && (text.substr(text.size() - 3) == "\xE3\x80\x80" ||
                           text.substr(text.size() - 3) == "\xEF\xBB\xBF")) {
    return 3;
  }
  return 0;
}

std::string Label(ColumnLabel label, std::size_t index, std::string_view name) {
  switch (label) {
    case ColumnLabel::kNumber:
      return "column " + std::to_string(index + 1);
    case ColumnLabel::kLetters:
      return "column " + ColumnLetters(index);
    case ColumnLabel::kKey:
      return "key \"" + std::string(name) + "\"";
  }
  return "";
}

}  // namespace

std::string_view TrimColumnName(std::string_view raw) {
  for (std::size_t size = LeadingSpace(raw); size > 0; size = LeadingSpace(raw)) {
    raw.remove_prefix(size);
  }
  for (std::size_t size = TrailingSpace(raw); size > 0; size = TrailingSpace(raw)) {
    raw.remove_suffix(size);
  }
  return raw;
}

std::string ColumnLetters(std::size_t index) {
  std::string letters;
  std::size_t number = index + 1;  // bijective base 26: A..Z, AA..
  while (number > 0) {
    letters.insert(letters.begin(), static_cast<char>('A' + (number - 1) % 26));
    number = (number - 1) / 26;
  }
  return letters;
}

Result<std::vector<std::string>> CheckedColumnNames(const std::vector<std::string_view>& raw,
                                                    std::string_view where, ColumnLabel label,
                                                    std::size_t first_column) {
  std::vector<std::string> names;
  names.reserve(raw.size());
  std::unordered_map<std::string_view, std::size_t> first_index;
  for (std::size_t index = 0; index < raw.size(); ++index) {
    std::string_view name = TrimColumnName(raw[index]);
    if (name.empty()) {
      std::string message = std::string(where) + ": ";
      message += label == ColumnLabel::kKey
                     ? "a key is empty or only white space"
                     : Label(label, first_column + index, name) + " has no name";
      return Status::InvalidArgument(std::move(message));
    }
    auto [found, inserted] = first_index.emplace(name, index);
    if (!inserted) {
      std::string message = std::string(where) + ": ";
      message += label == ColumnLabel::kKey
                     ? "key \"" + std::string(name) + "\" appears twice (after trimming)"
                     : Label(label, first_column + index, name) + " repeats the name \"" +
                           std::string(name) + "\" of " +
                           Label(label, first_column + found->second, name);
      return Status::InvalidArgument(std::move(message));
    }
    names.emplace_back(name);
  }
  return names;
}

}  // namespace gongshu::tabular
