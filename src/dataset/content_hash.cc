#include "dataset/content_hash.h"

#include <openssl/evp.h>

#include <array>
#include <charconv>

namespace gongshu {
namespace {
constexpr std::string_view kMagic = "gongshu-dataset-v1\n";
}  // namespace

ContentHasher::ContentHasher() : context_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(context_, EVP_sha256(), nullptr);
  buffer_.reserve(kFlushBytes + 4096);
  Append(kMagic);
}

ContentHasher::~ContentHasher() { EVP_MD_CTX_free(context_); }

void ContentHasher::Flush() {
  EVP_DigestUpdate(context_, buffer_.data(), buffer_.size());
  buffer_.clear();
}

void ContentHasher::AddColumns(const std::vector<DatasetColumn>& columns) {
  std::string header = "C" + std::to_string(columns.size()) + "\n";
  for (const DatasetColumn& column : columns) {
    header += std::to_string(column.name.size()) + ":" + column.name + ":" +
              std::string(tabular::ColumnTypeName(column.type)) + "\n";
  }
  Append(header);
}

void ContentHasher::AddValue(std::string_view canonical_text) {
  std::array<char, 24> length{};
  auto [end, error] =
      std::to_chars(length.data(), length.data() + length.size() - 1, canonical_text.size());
  *end++ = ':';
  Append(std::string_view(length.data(), static_cast<size_t>(end - length.data())));
  Append(canonical_text);
}

std::string ContentHasher::Finish() {
  Flush();
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(context_, digest.data(), &size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int index = 0; index < size; ++index) {
    hex.push_back(kHex[digest[index] >> 4]);
    hex.push_back(kHex[digest[index] & 0xf]);
  }
  return hex;
}

}  // namespace gongshu
