// Hex text to and from bytes and hashes, for the ledger's tests and their tables.
//
// Test-only: records failures with GoogleTest, so include it only from test binaries.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/merkle.h"

namespace gongshu::testing {

// The bytes written as lowercase or uppercase hex in `hex`. Records a GoogleTest failure, and
// returns what was decoded so far, when `hex` has an odd length or a character that is not hex.
inline std::string BytesFromHex(std::string_view hex) {
  auto digit_value = [](char symbol) -> int {
    if (symbol >= '0' && symbol <= '9') return symbol - '0';
    if (symbol >= 'a' && symbol <= 'f') return symbol - 'a' + 10;
    if (symbol >= 'A' && symbol <= 'F') return symbol - 'A' + 10;
    return -1;
  };
  std::string bytes;
  if (hex.size() % 2 != 0) {
    ADD_FAILURE() << "odd-length hex \"" << hex << "\"";
    return bytes;
  }
  for (size_t offset = 0; offset < hex.size(); offset += 2) {
    int high = digit_value(hex[offset]);
    int low = digit_value(hex[offset + 1]);
    if (high < 0 || low < 0) {
      ADD_FAILURE() << "not hex: \"" << hex << "\"";
      return bytes;
    }
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

// The hash written as 64 hex digits. Records a GoogleTest failure for anything else.
inline Hash HashFromHex(std::string_view hex) {
  std::string bytes = BytesFromHex(hex);
  Hash hash{};
  if (bytes.size() != hash.size()) {
    ADD_FAILURE() << "not 64 hex digits: \"" << hex << "\"";
    return hash;
  }
  std::copy(bytes.begin(), bytes.end(), hash.begin());
  return hash;
}

// Lowercase hex of `bytes`.
inline std::string HexFromBytes(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (char byte : bytes) {
    hex.push_back(kDigits[static_cast<uint8_t>(byte) >> 4]);
    hex.push_back(kDigits[static_cast<uint8_t>(byte) & 0x0f]);
  }
  return hex;
}

inline std::string HexFromHash(const Hash& hash) {
  return HexFromBytes(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

// The cells of a comma-separated list; "(empty)" cells reach tests as "" and give no items.
inline std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> items;
  if (list.empty()) return items;
  size_t begin = 0;
  while (true) {
    size_t comma = list.find(',', begin);
    items.emplace_back(
        list.substr(begin, comma == std::string_view::npos ? list.npos : comma - begin));
    if (comma == std::string_view::npos) return items;
    begin = comma + 1;
  }
}

}  // namespace gongshu::testing
