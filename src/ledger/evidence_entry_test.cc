// Evidence entries: the text form round-trips and malformed entries are refused by line.
#include "ledger/evidence_entry.h"

#include <gtest/gtest.h>

namespace gongshu {
namespace {

constexpr char kSample[] =
    "gongshu/evidence/v1\n"
    "sequence 42\n"
    "type organization.created\n"
    "subject org_abc\n"
    "actor usr_def\n"
    "time 2026-11-23T10:38:07Z\n"
    "record sha256:"
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n";

TEST(EvidenceEntryTest, ParsesTheDocumentedForm) {
  Result<EvidenceEntry> entry = ParseEvidenceEntry(kSample);
  ASSERT_TRUE(entry.ok()) << entry.status().message();
  EXPECT_EQ(entry->sequence, 42);
  EXPECT_EQ(entry->type, "organization.created");
  EXPECT_EQ(entry->subject, "org_abc");
  EXPECT_EQ(entry->actor, "usr_def");
  EXPECT_EQ(entry->time, "2026-11-23T10:38:07Z");
  EXPECT_EQ(entry->record_sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(FormatEvidenceEntry(*entry), kSample);
}

TEST(EvidenceEntryTest, AnEmptyActorIsWrittenAsADash) {
  EvidenceEntry entry{1, "user.created", "usr_x", "", "2026-01-01T00:00:00Z", std::string(64, 'a')};
  EXPECT_NE(FormatEvidenceEntry(entry).find("\nactor -\n"), std::string::npos);
}

TEST(EvidenceEntryTest, RefusesMalformedEntries) {
  std::string sample = kSample;
  auto with = [&sample](const std::string& from, const std::string& to) {
    std::string changed = sample;
    changed.replace(changed.find(from), from.size(), to);
    return changed;
  };
  EXPECT_FALSE(ParseEvidenceEntry(with("gongshu/evidence/v1", "gongshu/evidence/v2")).ok());
  EXPECT_FALSE(ParseEvidenceEntry(with("sequence 42", "sequence x")).ok());
  EXPECT_FALSE(ParseEvidenceEntry(with("subject org_abc", "subject org abc")).ok());
  EXPECT_FALSE(ParseEvidenceEntry(with("record sha256:", "record md5:")).ok());
  EXPECT_FALSE(ParseEvidenceEntry(with("type ", "kind ")).ok());
  EXPECT_FALSE(ParseEvidenceEntry(sample.substr(0, sample.size() - 1)).ok()) << "no final newline";
  EXPECT_FALSE(ParseEvidenceEntry(sample + "extra line\n").ok());
  Status status = ParseEvidenceEntry(with("actor usr_def", "actor ")).status();
  EXPECT_NE(status.message().find("line 5"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace gongshu
