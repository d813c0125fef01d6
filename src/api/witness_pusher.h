// WitnessPusher: sends this node's ledger checkpoints to its witnesses (C2SP tlog-witness
// add-checkpoint), checks the cosignatures they answer with, and keeps them so that the
// checkpoint is served with them.
//
// A background thread looks at the latest checkpoint about once a second (or when nudged) and
// brings every witness up to it: it proves consistency from the size the witness last cosigned
// (learning that size from a 409 answer when it does not know it), then verifies the answer
// against the witness's key. Thread-safe.
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "ledger/cosignature.h"
#include "ledger/durable_log.h"

namespace gongshu {

class AccessLog;

struct WitnessPeer {
  std::string url;  // the witness's add-checkpoint URL
  CosignatureVerifier verifier;
};

// Parses "URL|<cosigner verifier key>" entries separated by commas. InvalidArgument naming the
// entry that is malformed.
Result<std::vector<WitnessPeer>> ParseWitnessPeers(const std::string& text);

class WitnessPusher {
 public:
  // `log` and `access_log` must outlive the pusher.
  WitnessPusher(DurableLog& log, std::vector<WitnessPeer> peers, AccessLog& access_log);
  ~WitnessPusher();

  void Start();
  void Stop();
  void Nudge();

  // The latest signed checkpoint with every cosignature collected for it appended.
  std::string CosignedCheckpoint() const;

  // Brings every witness up to the latest checkpoint now (the background thread's round).
  void PushOnce();

 private:
  struct PeerState {
    uint64_t known_size = 0;    // the size the witness last cosigned, as far as we know
    std::string cosigned_note;  // the checkpoint it cosigned last
    std::string cosignature_line;
  };
  Status Push(const WitnessPeer& peer, PeerState* state, const std::string& note,
              const Checkpoint& checkpoint);

  DurableLog& log_;
  const std::vector<WitnessPeer> peers_;
  AccessLog& access_log_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<PeerState> states_;  // guarded by mutex_, one per peer
  bool stopping_ = false;          // guarded by mutex_
  bool nudged_ = false;            // guarded by mutex_
  std::thread thread_;
};

}  // namespace gongshu
