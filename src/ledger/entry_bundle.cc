// C2SP tlog-tiles entry bundles: big-endian uint16 length-prefixed entries.
#include "ledger/entry_bundle.h"

#include <cstdint>

namespace gongshu {

Result<std::string> EncodeEntryBundle(const std::vector<std::string>& entries) {
  if (entries.empty() || entries.size() > kMaxBundleEntries) {
    return Status::InvalidArgument("an entry bundle holds 1 to 256 entries, got " +
                                   std::to_string(entries.size()));
  }
  size_t total = 0;
  for (size_t position = 0; position < entries.size(); ++position) {
    if (entries[position].size() > kMaxEntrySize) {
      return Status::InvalidArgument("entry " + std::to_string(position) + " has " +
                                     std::to_string(entries[position].size()) +
                                     " bytes; an entry bundle entry has at most 65535");
    }
    total += 2 + entries[position].size();
  }
  std::string data;
  data.reserve(total);
  for (const std::string& entry : entries) {
    data.push_back(static_cast<char>(entry.size() >> 8));
    data.push_back(static_cast<char>(entry.size() & 0xff));
    data += entry;
  }
  return data;
}

Result<std::vector<std::string>> DecodeEntryBundle(std::string_view data) {
  if (data.empty()) return Status::InvalidArgument("entry bundle is empty");
  std::vector<std::string> entries;
  size_t offset = 0;
  while (offset < data.size()) {
    if (entries.size() == kMaxBundleEntries) {
      return Status::InvalidArgument("entry bundle holds more than 256 entries");
    }
    if (data.size() - offset < 2) {
      return Status::InvalidArgument("entry bundle ends inside the length of entry " +
                                     std::to_string(entries.size()));
    }
    size_t length = static_cast<size_t>(static_cast<uint8_t>(data[offset])) << 8 |
                    static_cast<uint8_t>(data[offset + 1]);
    offset += 2;
    if (data.size() - offset < length) {
      return Status::InvalidArgument("entry bundle ends inside entry " +
                                     std::to_string(entries.size()) + ", which has " +
                                     std::to_string(length) + " bytes");
    }
    entries.emplace_back(data.substr(offset, length));
    offset += length;
  }
  return entries;
}

}  // namespace gongshu
