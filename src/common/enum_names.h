// EnumNames: the one table between an enum class and the names it has in the API and the store.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace gongshu {

// REQUIRES: every enumerator appears exactly once in the table.
template <typename Enum, size_t kCount>
class EnumNames {
 public:
  constexpr explicit EnumNames(std::array<std::pair<Enum, std::string_view>, kCount> entries)
      : entries_(entries) {}

  // The name of `value`; the first entry's name if `value` is not in the table (a bug).
  constexpr std::string_view Name(Enum value) const {
    for (const auto& [candidate, name] : entries_) {
      if (candidate == value) return name;
    }
    return entries_[0].second;
  }

  // The enumerator named `name`; nullopt for any other text.
  constexpr std::optional<Enum> Parse(std::string_view name) const {
    for (const auto& [value, candidate] : entries_) {
      if (candidate == name) return value;
    }
    return std::nullopt;
  }

  // All names in table order, comma-separated, for error messages.
  std::string Joined() const {
    std::string names;
    for (const auto& [value, name] : entries_) {
      if (!names.empty()) names += ", ";
      names += name;
    }
    return names;
  }

  const std::array<std::pair<Enum, std::string_view>, kCount>& entries() const { return entries_; }

 private:
  std::array<std::pair<Enum, std::string_view>, kCount> entries_;
};

}  // namespace gongshu
