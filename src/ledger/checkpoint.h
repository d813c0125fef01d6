// Checkpoints (C2SP tlog-checkpoint v1): the signed statement of a log's size and root.
//
// Body: "<origin>\n<size in decimal>\n<base64 root>\n", signed as a note whose key name is the
// origin.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gongshu {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  std::array<uint8_t, 32> root{};
};

// The checkpoint body.
std::string FormatCheckpoint(const Checkpoint& checkpoint);

// Parses a body (the text of an opened note). Extension lines after the root are allowed and
// ignored. InvalidArgument naming the line that is malformed.
Result<Checkpoint> ParseCheckpoint(std::string_view text);

}  // namespace gongshu
