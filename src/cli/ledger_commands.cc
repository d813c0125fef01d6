// `gongshu ledger verify`: re-derive the evidence ledger from its entries and report the first
// inconsistency. `gongshu ledger witness`: cosign another node's ledger once.
#include <cstdio>
#include <string>
#include <vector>

#include <sodium.h>
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/data_directory.h"
#include "cli/local_services.h"
#include "common/secrets.h"

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "http/client.h"
#include "ledger/checkpoint.h"
#include "ledger/cosignature.h"
#include "ledger/log_check.h"
#include "ledger/tile_files.h"
#include "ledger/witness.h"
#include "store/sqlite_witness_state.h"

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

namespace gongshu {
namespace {

Result<std::vector<Hash>> FetchConsistencyProof(const std::string& log_url, uint64_t from,
                                                uint64_t to) {
  // The JSON API lives beside the /ledger prefix, at the same host.
  size_t path = log_url.find('/', log_url.find("://") + 3);
  std::string host = path == std::string::npos ? log_url : log_url.substr(0, path);
  Result<ClientResponse> answer =
      SendHttp("GET",
               host + "/api/v1/ledger/proofs/consistency?from=" + std::to_string(from) +
                   "&to=" + std::to_string(to),
               "", "", std::chrono::seconds(30));
  if (!answer.ok()) return answer.status();
  if (answer->status != 200) {
    return Status::Unavailable("the log answered " + std::to_string(answer->status) +
                               " for its consistency proof");
  }
  nlohmann::json body = nlohmann::json::parse(answer->body, nullptr, false);
  if (!body.is_object() || !body.contains("proof") || !body["proof"].is_array()) {
    return Status::Unavailable("the log's consistency proof is not in the expected form");
  }
  std::vector<Hash> proof;
  for (const auto& item : body["proof"]) {
    std::string text = item.is_string() ? item.get<std::string>() : std::string();
    Hash hash{};
    size_t length = 0;
    if (sodium_base642bin(hash.data(), hash.size(), text.data(), text.size(), nullptr, &length,
                          nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != hash.size()) {
      return Status::Unavailable("the log's consistency proof holds a malformed hash");
    }
    proof.push_back(hash);
  }
  return proof;
}

}  // namespace

int RunLedgerWitness(const std::vector<std::string>& words) {
  Result<Arguments> arguments =
      ParseArguments(words, {"data-dir", "config", "log", "vkey", "witness-name"}, {"help"});
  if (!arguments.ok()) return ReportError(arguments.status());
  if (arguments->Has("help") || !arguments->Get("log") || !arguments->Get("vkey")) {
    std::fputs(
        "usage: gongshu ledger witness --log URL --vkey KEY [--data-dir DIR]\n"
        "                              [--config gongshu.toml] [--witness-name NAME]\n\n"
        "Witnesses another node's evidence ledger once: fetches URL/checkpoint (URL is the\n"
        "log's /ledger prefix, e.g. http://node-a:8080/ledger), checks its signature with KEY\n"
        "and its consistency with the checkpoint this node cosigned before, remembers it, and\n"
        "prints this node's cosignature line (C2SP tlog-cosignature) for the log to serve.\n",
        arguments->Has("help") ? stdout : stderr);
    return arguments->Has("help") ? kExitOk : kExitUsage;
  }
  // The node's own settings, so the witness name is the one `serve` cosigns with.
  Result<Config> config = LoadConfig(*arguments);
  if (!config.ok()) return ReportError(config.status());
  std::string data_dir = config->data_dir;
  std::string log_url = *arguments->Get("log");
  while (!log_url.empty() && log_url.back() == '/') log_url.pop_back();
  Result<NoteVerifier> verifier = ParseVerifierKey(*arguments->Get("vkey"));
  if (!verifier.ok())
    return ReportError(Status::InvalidField("--vkey", verifier.status().message()));
  Result<std::string> seed = ReadSigningSeed(data_dir);
  if (!seed.ok()) return ReportError(seed.status());
  Result<CosignatureSigner> cosigner = CosignatureSigner::Create(
      arguments->Get("witness-name").value_or(WitnessName(*config)), *seed);
  if (!cosigner.ok()) return ReportError(cosigner.status());
  Result<std::unique_ptr<LocalServices>> services = OpenLocalServices(data_dir, 1, *config);
  if (!services.ok()) return ReportError(services.status());
  SqliteWitnessState witness_state(*(*services)->pool);

  Result<ClientResponse> fetched =
      SendHttp("GET", log_url + "/checkpoint", "", "", std::chrono::seconds(30));
  if (!fetched.ok()) return ReportError(fetched.status());
  if (fetched->status != 200) {
    return ReportError(Status::Unavailable("the log answered " + std::to_string(fetched->status)));
  }
  Result<std::string> text = OpenNote(fetched->body, *verifier);
  if (!text.ok()) return ReportError(text.status());
  Result<Checkpoint> checkpoint = ParseCheckpoint(*text);
  if (!checkpoint.ok()) return ReportError(checkpoint.status());
  Result<std::optional<WitnessState>> stored = witness_state.Get(checkpoint->origin);
  if (!stored.ok()) return ReportError(stored.status());
  uint64_t old_size = *stored ? (*stored)->size : 0;
  std::vector<Hash> proof;
  if (old_size > 0 && old_size < checkpoint->size) {
    Result<std::vector<Hash>> fetched_proof =
        FetchConsistencyProof(log_url, old_size, checkpoint->size);
    if (!fetched_proof.ok()) return ReportError(fetched_proof.status());
    proof = std::move(*fetched_proof);
  }
  AddCheckpointRequest request{old_size, proof, fetched->body, checkpoint->origin};
  WitnessLogs logs = {{checkpoint->origin, *verifier}};
  AddCheckpointOutcome outcome =
      DecideAddCheckpoint(request, logs, *stored, *cosigner, UnixSeconds(SystemClock().Now()));
  if (!outcome.status.ok()) {
    std::fprintf(stderr, "gongshu: not cosigned: %s\n", outcome.status.message().c_str());
    return kExitFailure;
  }
  if (Status status = witness_state.Advance(checkpoint->origin, old_size, outcome.new_state);
      !status.ok()) {
    return ReportError(status);
  }
  std::fputs(outcome.cosignature_line.c_str(), stdout);
  std::fprintf(stderr,
               "cosigned %s at size %llu (consistent with size %llu cosigned before) as %s\n",
               checkpoint->origin.c_str(), static_cast<unsigned long long>(checkpoint->size),
               static_cast<unsigned long long>(old_size), cosigner->VerifierKey().c_str());
  return kExitOk;
}

}  // namespace gongshu
