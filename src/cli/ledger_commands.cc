// `gongshu ledger verify`: re-derive the evidence ledger from its entries and report the first
// inconsistency.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/data_directory.h"
#include "common/secrets.h"
#include "ledger/checkpoint.h"
#include "ledger/log_check.h"
#include "ledger/tile_files.h"

namespace gongshu {

int RunLedgerVerify(const std::vector<std::string>& words) {
  Result<Arguments> arguments = ParseArguments(words, {"data-dir"}, {"help"});
  if (!arguments.ok()) return ReportError(arguments.status());
  if (arguments->Has("help")) {
    std::fputs(
        "usage: gongshu ledger verify [--data-dir DIR]\n\n"
        "Re-derives the evidence ledger from its entries: the checkpoint's signature by this\n"
        "node's key, the root, every tile and every stored hash. Prints the first thing that\n"
        "does not match and exits 1, or a summary and exits 0. Safe while the server runs.\n",
        stdout);
    return kExitOk;
  }
  std::string data_dir = arguments->Get("data-dir").value_or("var");
  std::string directory = data_dir + "/ledger";
  Result<std::string> seed = ReadSigningSeed(data_dir);
  if (!seed.ok()) return ReportError(seed.status());
  // The key name is the origin the checkpoint names; the key must be this node's.
  Result<std::string> note = ReadLedgerFile(directory + "/checkpoint");
  if (!note.ok()) return ReportError(Status::FailedPrecondition(data_dir + " has no ledger yet"));
  Result<std::string> text = OpenNoteUnverifiedText(*note);
  Result<Checkpoint> claimed =
      text.ok() ? ParseCheckpoint(*text) : Result<Checkpoint>(text.status());
  if (!claimed.ok()) return ReportError(claimed.status());
  Result<NoteSigner> signer = NoteSigner::Create(claimed->origin, *seed);
  if (!signer.ok()) return ReportError(signer.status());
  Result<NoteVerifier> verifier = ParseVerifierKey(signer->VerifierKey());
  if (!verifier.ok()) return ReportError(verifier.status());
  Result<LogCheckReport> report = CheckLogDirectory(directory, *verifier);
  if (!report.ok()) {
    std::fprintf(stderr, "gongshu: ledger verify failed: %s\n", report.status().message().c_str());
    return kExitFailure;
  }
  std::string root(reinterpret_cast<const char*>(report->root.data()), report->root.size());
  std::printf("ledger verified: %llu entries, root %s\n",
              static_cast<unsigned long long>(report->size), Base64Encode(root).c_str());
  std::printf("  %llu tiles and %llu stored hashes match the entries\n",
              static_cast<unsigned long long>(report->tiles_checked),
              static_cast<unsigned long long>(report->hashes_checked));
  std::printf("  checkpoint signed by %s\n", signer->VerifierKey().c_str());
  return kExitOk;
}

}  // namespace gongshu
