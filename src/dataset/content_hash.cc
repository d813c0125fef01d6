#include "dataset/content_hash.h"

#include <array>
#include <charconv>

namespace gongshu {
namespace {
constexpr std::string_view kMagic = "gongshu-dataset-v1\n";
}  // namespace

ContentHasher::ContentHasher() {
  crypto_hash_sha256_init(&state_);
  Update(kMagic);
}

void ContentHasher::Update(std::string_view bytes) {
  crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
}

void ContentHasher::AddColumns(const std::vector<DatasetColumn>& columns) {
  std::string header = "C" + std::to_string(columns.size()) + "\n";
  for (const DatasetColumn& column : columns) {
    header += std::to_string(column.name.size()) + ":" + column.name + ":" +
              std::string(tabular::ColumnTypeName(column.type)) + "\n";
  }
  Update(header);
}

void ContentHasher::AddNull() { Update("-"); }

void ContentHasher::AddValue(std::string_view canonical_text) {
  std::array<char, 24> length{};
  auto [end, error] =
      std::to_chars(length.data(), length.data() + length.size() - 1, canonical_text.size());
  *end++ = ':';
  Update(std::string_view(length.data(), static_cast<size_t>(end - length.data())));
  Update(canonical_text);
}

void ContentHasher::EndRow() { Update("\n"); }

std::string ContentHasher::Finish() {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state_, digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0xf]);
  }
  return hex;
}

}  // namespace gongshu
