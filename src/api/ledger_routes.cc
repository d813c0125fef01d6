// Routes of the evidence ledger: the C2SP tlog-tiles read API under /ledger/ (checkpoint, tiles,
// entry bundles, the verifier key) and the JSON API under /api/v1/ledger/ (entries with the
// records they commit to, inclusion and consistency proofs, offline receipts).
#include <charconv>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "common/secrets.h"
#include "http/problem.h"
#include "ledger/evidence_entry.h"

namespace gongshu {
namespace {

std::string HashBase64(const Hash& hash) {
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

Response Text(std::string body, std::string type, std::string cache) {
  Response response;
  response.body = std::move(body);
  response.SetHeader("Content-Type", std::move(type));
  response.SetHeader("Cache-Control", std::move(cache));
  return response;
}

Response JsonBody(const nlohmann::json& body) {
  return JsonResponse(200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// A non-negative decimal number from a path or query value.
Result<uint64_t> Number(const std::string* text, const std::string& field) {
  uint64_t value = 0;
  if (text == nullptr || text->empty()) return Status::InvalidField(field, "is required");
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) {
    return Status::InvalidField(field, "must be a non-negative integer");
  }
  return value;
}

}  // namespace

Response App::AddCheckpoint(const Request& request) {
  if (dependencies_.witness_logs == nullptr || dependencies_.cosigner == nullptr ||
      dependencies_.witness_state == nullptr) {
    return ProblemResponse(Status::NotFound("this node witnesses no logs"), request.path);
  }
  Result<AddCheckpointRequest> parsed = ParseAddCheckpointRequest(request.body);
  if (!parsed.ok()) return ProblemResponse(parsed.status(), request.path);
  // Two rounds: if another request advanced the state in between, decide again on the new one.
  for (int round = 0; round < 2; ++round) {
    Result<std::optional<WitnessState>> stored = dependencies_.witness_state->Get(parsed->origin);
    if (!stored.ok()) return ProblemResponse(stored.status(), request.path);
    AddCheckpointOutcome outcome =
        DecideAddCheckpoint(*parsed, *dependencies_.witness_logs, *stored, *dependencies_.cosigner,
                            UnixSeconds(dependencies_.clock->Now()));
    if (outcome.status.code() == StatusCode::kConflict) {
      // The size this witness holds, so the log can prove consistency from it.
      Response conflict =
          Text(outcome.ResponseBody(), std::string(kTlogSizeContentType), "no-store");
      conflict.status = 409;
      return conflict;
    }
    if (!outcome.status.ok()) return ProblemResponse(outcome.status, request.path);
    Status advanced = dependencies_.witness_state->Advance(
        parsed->origin, *stored ? (*stored)->size : 0, outcome.new_state);
    if (advanced.code() == StatusCode::kConflict) continue;
    if (!advanced.ok()) return ProblemResponse(advanced, request.path);
    return Text(outcome.ResponseBody(), "text/plain; charset=utf-8", "no-store");
  }
  return ProblemResponse(Status::Conflict("the checkpoint raced another; send it again"),
                         request.path);
}

void App::AddLedgerRoutes() {
  // Every handler needs the ledger; without one (a node started without it) they answer 503.
  auto with_ledger = [this](auto handler) {
    return [this, handler](const Request& request, const RouteContext& context) -> Response {
      if (dependencies_.ledger == nullptr) {
        return ProblemResponse(Status::Unavailable("this node has no evidence ledger"),
                               request.path);
      }
      return handler(*dependencies_.ledger, request, context);
    };
  };

  router_.Add("GET", "/ledger/checkpoint", Action::kPublicRead,
              with_ledger([this](DurableLog& ledger, const Request&, const RouteContext&) {
                std::string note = dependencies_.served_checkpoint
                                       ? dependencies_.served_checkpoint()
                                       : ledger.SignedCheckpoint();
                return Text(std::move(note), "text/plain; charset=utf-8", "public, max-age=2");
              }));

  router_.Add("GET", "/ledger/witness-key", Action::kPublicRead,
              [this](const Request& request, const RouteContext&) {
                if (dependencies_.witness_key.empty()) {
                  return ProblemResponse(Status::NotFound("this node has no witness key"),
                                         request.path);
                }
                return Text(dependencies_.witness_key + "\n", "text/plain; charset=utf-8",
                            "public, max-age=3600");
              });

  // C2SP tlog-witness: another node's log asks this node to cosign its checkpoint.
  router_.Add(
      "POST", "/ledger/add-checkpoint", Action::kWitnessSubmit,
      [this](const Request& request, const RouteContext&) { return AddCheckpoint(request); });

  router_.Add("GET", "/ledger/key", Action::kPublicRead,
              with_ledger([](DurableLog& ledger, const Request&, const RouteContext&) {
                return Text(ledger.signer().VerifierKey() + "\n", "text/plain; charset=utf-8",
                            "public, max-age=3600");
              }));

  router_.Add(
      "GET", "/ledger/tile/{path...}", Action::kPublicRead,
      with_ledger([](DurableLog& ledger, const Request& request, const RouteContext& context) {
        Result<TileId> tile = ParseTilePath("tile/" + context.params.at("path"));
        if (!tile.ok()) return ProblemResponse(tile.status(), request.path);
        Result<std::string> data = ledger.ReadTile(*tile);
        if (!data.ok()) return ProblemResponse(data.status(), request.path);
        // Full tiles never change; a partial tile of a given width never changes either, but
        // it is soon superseded, so it is cached for less time.
        return Text(
            std::move(*data), "application/octet-stream",
            tile->partial() ? "public, max-age=3600" : "public, max-age=31536000, immutable");
      }));

  router_.Add(
      "GET", "/api/v1/ledger/entries/{index}", Action::kPublicRead,
      with_ledger([this](DurableLog& ledger, const Request& request, const RouteContext& context) {
        Result<uint64_t> index = Number(&context.params.at("index"), "index");
        if (!index.ok()) return ProblemResponse(index.status(), request.path);
        Result<std::string> entry = ledger.ReadEntry(*index);
        if (!entry.ok()) return ProblemResponse(entry.status(), request.path);
        nlohmann::json view = {
            {"index", *index},
            {"entry", *entry},
            {"leaf_hash", HashBase64(LeafHash(*entry))},
            {"receipt", "/api/v1/ledger/receipts/" + std::to_string(*index)},
        };
        Result<EvidenceEntry> evidence = ParseEvidenceEntry(*entry);
        if (evidence.ok() && dependencies_.events != nullptr) {
          Result<StoredEvent> stored = dependencies_.events->EventAt(evidence->sequence);
          if (stored.ok()) {
            std::string record = EventRecord(*stored);
            view["record"] = record;
            view["record_matches"] = Sha256Hex(record) == evidence->record_sha256;
          }
        }
        return JsonBody(view);
      }));

  router_.Add("GET", "/api/v1/ledger/proofs/inclusion", Action::kPublicRead,
              with_ledger([](DurableLog& ledger, const Request& request, const RouteContext&) {
                Result<uint64_t> index = Number(request.Query("index"), "index");
                if (!index.ok()) return ProblemResponse(index.status(), request.path);
                uint64_t size = ledger.LatestCheckpoint().size;
                if (request.Query("size") != nullptr) {
                  Result<uint64_t> asked = Number(request.Query("size"), "size");
                  if (!asked.ok()) return ProblemResponse(asked.status(), request.path);
                  size = *asked;
                }
                if (*index >= size) {
                  return ProblemResponse(
                      Status::InvalidField("index", "must be below the tree size"), request.path);
                }
                Result<std::vector<Hash>> proof = ledger.ProveInclusion(*index, size);
                if (!proof.ok()) return ProblemResponse(proof.status(), request.path);
                Result<std::string> entry = ledger.ReadEntry(*index);
                Result<Hash> root = ledger.RootAt(size);
                if (!entry.ok() || !root.ok()) {
                  return ProblemResponse(entry.ok() ? root.status() : entry.status(), request.path);
                }
                nlohmann::json hashes = nlohmann::json::array();
                for (const Hash& hash : *proof) hashes.push_back(HashBase64(hash));
                return JsonBody({{"index", *index},
                                 {"size", size},
                                 {"leaf_hash", HashBase64(LeafHash(*entry))},
                                 {"root", HashBase64(*root)},
                                 {"proof", hashes}});
              }));

  router_.Add("GET", "/api/v1/ledger/proofs/consistency", Action::kPublicRead,
              with_ledger([](DurableLog& ledger, const Request& request, const RouteContext&) {
                Result<uint64_t> from = Number(request.Query("from"), "from");
                if (!from.ok()) return ProblemResponse(from.status(), request.path);
                uint64_t to = ledger.LatestCheckpoint().size;
                if (request.Query("to") != nullptr) {
                  Result<uint64_t> asked = Number(request.Query("to"), "to");
                  if (!asked.ok()) return ProblemResponse(asked.status(), request.path);
                  to = *asked;
                }
                if (*from > to) {
                  return ProblemResponse(Status::InvalidField("from", "must not exceed to"),
                                         request.path);
                }
                Result<std::vector<Hash>> proof = ledger.ProveConsistency(*from, to);
                if (!proof.ok()) return ProblemResponse(proof.status(), request.path);
                Result<Hash> old_root = ledger.RootAt(*from);
                Result<Hash> new_root = ledger.RootAt(to);
                if (!old_root.ok() || !new_root.ok()) {
                  return ProblemResponse(old_root.ok() ? new_root.status() : old_root.status(),
                                         request.path);
                }
                nlohmann::json hashes = nlohmann::json::array();
                for (const Hash& hash : *proof) hashes.push_back(HashBase64(hash));
                return JsonBody({{"from", *from},
                                 {"to", to},
                                 {"from_root", HashBase64(*old_root)},
                                 {"to_root", HashBase64(*new_root)},
                                 {"proof", hashes}});
              }));

  router_.Add(
      "GET", "/api/v1/ledger/receipts/{index}", Action::kPublicRead,
      with_ledger([](DurableLog& ledger, const Request& request, const RouteContext& context) {
        Result<uint64_t> index = Number(&context.params.at("index"), "index");
        if (!index.ok()) return ProblemResponse(index.status(), request.path);
        // The proof and the checkpoint must be of the same size: take the checkpoint first.
        std::string checkpoint = ledger.SignedCheckpoint();
        Result<std::string> text = OpenNoteUnverifiedText(checkpoint);
        Result<Checkpoint> parsed =
            text.ok() ? ParseCheckpoint(*text) : Result<Checkpoint>(text.status());
        if (!parsed.ok()) return ProblemResponse(parsed.status(), request.path);
        if (*index >= parsed->size) {
          return ProblemResponse(
              Status::NotFound("no entry " + std::to_string(*index) + " in the latest checkpoint"),
              request.path);
        }
        Result<std::vector<Hash>> proof = ledger.ProveInclusion(*index, parsed->size);
        if (!proof.ok()) return ProblemResponse(proof.status(), request.path);
        // C2SP tlog-proof: the receipt a holder can check offline against the log's key.
        std::string receipt = "c2sp.org/tlog-proof@v1\nindex " + std::to_string(*index) + "\n";
        for (const Hash& hash : *proof) receipt += HashBase64(hash) + "\n";
        receipt += "\n" + checkpoint;
        Response response = Text(std::move(receipt), "text/plain; charset=utf-8", "no-cache");
        response.SetHeader("Content-Disposition", "attachment; filename=\"gongshu-ledger-" +
                                                      std::to_string(*index) + ".tlog-proof\"");
        return response;
      }));
}

}  // namespace gongshu
