#include "ledger/evidence_entry.h"

#include <charconv>
#include <vector>

namespace gongshu {
namespace {

constexpr std::string_view kHeader = "gongshu/evidence/v1";

// Values are single-line tokens: no spaces or control characters.
bool PlainToken(std::string_view value) {
  if (value.empty()) return false;
  for (unsigned char symbol : value) {
    if (symbol <= 0x20 || symbol == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string FormatEvidenceEntry(const EvidenceEntry& entry) {
  return std::string(kHeader) + "\nsequence " + std::to_string(entry.sequence) + "\ntype " +
         entry.type + "\nsubject " + entry.subject + "\nactor " +
         (entry.actor.empty() ? "-" : entry.actor) + "\ntime " + entry.time +
         "\nrecord sha256:" + entry.record_sha256 + "\n";
}

Result<EvidenceEntry> ParseEvidenceEntry(std::string_view text) {
  static constexpr std::string_view kKeys[] = {"sequence", "type", "subject",
                                               "actor",    "time", "record"};
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    if (end == std::string_view::npos) {
      return Status::InvalidArgument("an evidence entry ends with a newline");
    }
    lines.push_back(text.substr(0, end));
    text = text.substr(end + 1);
  }
  if (lines.size() != 7 || lines[0] != kHeader) {
    return Status::InvalidArgument("an evidence entry is the header line and six fields");
  }
  std::string_view values[6];
  for (size_t index = 0; index < 6; ++index) {
    std::string_view line = lines[index + 1];
    std::string_view key = kKeys[index];
    if (line.substr(0, key.size()) != key || line.size() <= key.size() + 1 ||
        line[key.size()] != ' ' || !PlainToken(line.substr(key.size() + 1))) {
      return Status::InvalidArgument("line " + std::to_string(index + 2) + " must be \"" +
                                     std::string(key) + " <value>\"");
    }
    values[index] = line.substr(key.size() + 1);
  }
  EvidenceEntry entry;
  auto [end, error] =
      std::from_chars(values[0].data(), values[0].data() + values[0].size(), entry.sequence);
  if (error != std::errc() || end != values[0].data() + values[0].size()) {
    return Status::InvalidArgument("line 2 must hold a sequence number");
  }
  entry.type = std::string(values[1]);
  entry.subject = std::string(values[2]);
  entry.actor = std::string(values[3]);
  entry.time = std::string(values[4]);
  if (values[5].substr(0, 7) != "sha256:" || values[5].size() != 7 + 64) {
    return Status::InvalidArgument("line 7 must be \"record sha256:<64 hex digits>\"");
  }
  entry.record_sha256 = std::string(values[5].substr(7));
  return entry;
}

}  // namespace gongshu
