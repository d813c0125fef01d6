#include "ledger/checkpoint.h"

#include <sodium.h>

#include <charconv>

#include "common/secrets.h"

namespace gongshu {

std::string FormatCheckpoint(const Checkpoint& checkpoint) {
  std::string_view root(reinterpret_cast<const char*>(checkpoint.root.data()),
                        checkpoint.root.size());
  return checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" + Base64Encode(root) +
         "\n";
}

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  Checkpoint checkpoint;
  std::string_view rest = text;
  auto next_line = [&rest](std::string_view* line) {
    size_t end = rest.find('\n');
    if (end == std::string_view::npos) return false;
    *line = rest.substr(0, end);
    rest = rest.substr(end + 1);
    return true;
  };
  std::string_view origin, size, root;
  if (!next_line(&origin) || origin.empty()) {
    return Status::InvalidArgument("checkpoint line 1 must be the origin");
  }
  if (!next_line(&size) || size.empty() || size.size() > 20 ||
      size.find_first_not_of("0123456789") != std::string_view::npos ||
      (size.size() > 1 && size[0] == '0')) {
    return Status::InvalidArgument("checkpoint line 2 must be the tree size in decimal");
  }
  unsigned char decoded[40];
  size_t length = 0;
  if (!next_line(&root) ||
      sodium_base642bin(decoded, sizeof(decoded), root.data(), root.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != 32) {
    return Status::InvalidArgument("checkpoint line 3 must be the base64 of a 32-byte root");
  }
  checkpoint.origin = std::string(origin);
  auto [end, error] = std::from_chars(size.data(), size.data() + size.size(), checkpoint.size);
  if (error != std::errc() || end != size.data() + size.size()) {
    return Status::InvalidArgument("checkpoint line 2 is larger than a 64-bit size");
  }
  std::copy(decoded, decoded + 32, checkpoint.root.begin());
  return checkpoint;
}

}  // namespace gongshu
