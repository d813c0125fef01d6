#include "api/witness_pusher.h"

#include <nlohmann/json.hpp>

#include "http/access_log.h"
#include "http/client.h"
#include "ledger/witness.h"

namespace gongshu {

Result<std::vector<WitnessPeer>> ParseWitnessPeers(const std::string& text) {
  std::vector<WitnessPeer> peers;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? text.size() : comma + 1;
    if (item.empty()) continue;
    size_t bar = item.find('|');
    if (bar == std::string::npos) {
      return Status::InvalidField("ledger.witnesses",
                                  "each witness is <add-checkpoint URL>|<verifier key>: " + item);
    }
    Result<CosignatureVerifier> verifier = ParseCosignatureVerifierKey(item.substr(bar + 1));
    if (!verifier.ok()) {
      return Status::InvalidField("ledger.witnesses", verifier.status().message());
    }
    peers.push_back({item.substr(0, bar), *verifier});
  }
  return peers;
}

WitnessPusher::WitnessPusher(DurableLog& log, std::vector<WitnessPeer> peers, AccessLog& access_log)
    : log_(log), peers_(std::move(peers)), access_log_(access_log), states_(peers_.size()) {}

WitnessPusher::~WitnessPusher() { Stop(); }

void WitnessPusher::Start() {
  if (peers_.empty()) return;
  thread_ = std::thread([this] {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_ || nudged_; });
        if (stopping_) return;
        nudged_ = false;
      }
      PushOnce();
    }
  });
}

void WitnessPusher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void WitnessPusher::Nudge() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_one();
}

void WitnessPusher::PushOnce() {
  std::string note = log_.SignedCheckpoint();
  Checkpoint checkpoint = log_.LatestCheckpoint();
  for (size_t index = 0; index < peers_.size(); ++index) {
    PeerState state;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      state = states_[index];
    }
    if (state.cosigned_note == note) continue;
    Status status = Push(peers_[index], &state, note, checkpoint);
    if (!status.ok()) {
      access_log_.Note("warning", "a witness did not cosign the ledger checkpoint",
                       nlohmann::json({{"witness", peers_[index].url}, {"error", status.message()}})
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    states_[index] = state;
  }
}

Status WitnessPusher::Push(const WitnessPeer& peer, PeerState* state, const std::string& note,
                           const Checkpoint& checkpoint) {
  // Two tries: the second after a 409 told us the size the witness really holds.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (state->known_size > checkpoint.size) state->known_size = 0;
    Result<std::vector<Hash>> proof = log_.ProveConsistency(state->known_size, checkpoint.size);
    if (!proof.ok()) return proof.status();
    Result<ClientResponse> answer =
        SendHttp("POST", peer.url, FormatAddCheckpointRequest(state->known_size, *proof, note),
                 "text/plain; charset=utf-8", std::chrono::seconds(10));
    if (!answer.ok()) return answer.status();
    if (answer->status == 409) {
      Result<uint64_t> size = ParseTlogSize(answer->body);
      if (!size.ok()) return size.status();
      state->known_size = *size;
      continue;
    }
    if (answer->status != 200) {
      return Status::Unavailable("the witness answered " + std::to_string(answer->status));
    }
    Result<std::string> body = OpenNoteUnverifiedText(note);
    if (!body.ok()) return body.status();
    Result<int64_t> verified = VerifyCosignature(*body, answer->body, peer.verifier);
    if (!verified.ok()) return verified.status();
    state->known_size = checkpoint.size;
    state->cosigned_note = note;
    state->cosignature_line = answer->body;
    return Status::Ok();
  }
  return Status::Conflict("the witness keeps answering 409");
}

std::string WitnessPusher::CosignedCheckpoint() const {
  std::string note = log_.SignedCheckpoint();
  std::string lines;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const PeerState& state : states_) {
      if (state.cosigned_note == note) lines += state.cosignature_line;
    }
  }
  if (lines.empty()) return note;
  Result<std::string> cosigned = AppendCosignatures(note, lines);
  return cosigned.ok() ? *cosigned : note;
}

}  // namespace gongshu
