// The demo catalog: a deterministic generator of realistic Chinese public data resources, as the
// provider departments of Fujian (福建省, 福州市, 厦门市, 泉州市) would register them. `gongshu
// demo` loads its output, the search relevance benchmark (bench/relevance/) judges searches over
// it, and the search benchmarks use it for catalogs of up to millions of resources.
//
// Every resource comes from a concept of src/demo/data/concepts.tsv (公交站点信息, 医保定点医疗机构
// 名录, 空气质量小时监测数据, ...) held by one provider of the kind the concept names. The first
// resources cover every provider and then every concept; later ones take the remaining
// (concept, provider) pairs in a seeded order, and once those run out, the same pairs again for a
// district of the provider's region (or a city of the province) and for other years. Names are
// unique within a catalog.
//
// Generated resources obey the catalog's binding rules (catalog/resource_rules.h): the grade
// covers every item (就高从严), core data is neither opened nor authorized for operation, data
// not opened is not authorized for operation, direct personal identifiers are never opened
// unconditionally, conditions and licences are stated where the rules ask for them.
//
// Pure: no I/O, no clock, no global state besides the built-in tables. The same seed and count
// give the same catalog on every platform: the order of pairs comes from std::mt19937_64 seeded
// with the seed, each resource's choices from a SplitMix64 sequence keyed by the seed and its
// index, and no implementation-defined standard distribution is used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/resource.h"

namespace gongshu {

// What `gongshu demo` loads, and the catalog the search relevance test set is judged over.
inline constexpr uint64_t kDemoSeed = 20261123;
inline constexpr size_t kDemoResourceCount = 360;

// A provider organization of the demo catalog.
struct DemoProvider {
  std::string name;           // 福州市交通运输局
  std::string type;           // organization type name: department | public_institution
  std::string division_code;  // GB/T 2260 code of its region (350000, 350100, 350200, 350500)
  // The first 17 characters of its Unified Social Credit Code; the caller appends the GB 32100
  // check character (identity/uscc.h UsccCheckCharacter).
  std::string uscc_body;
};

// How far a resource's registration has gone.
enum class DemoStage {
  kDraft,                   // never submitted
  kSubmitted,               // 申请: waiting for acceptance
  kReturned,                // returned as incomplete, with the notice listing what is missing
  kAccepted,                // 受理
  kReviewed,                // 形式审核 passed, publicity not yet started
  kPublicity,               // 公示 under way, no objection
  kPublicityWithObjection,  // 公示 under way with one open objection
  kCoded,                   // 赋码: registered and public
  kRejected,                // refused at review
};
// "draft", "submitted", "returned", "accepted", "reviewed", "publicity",
// "publicity_with_objection", "coded", "rejected".
std::string_view DemoStageName(DemoStage stage);

struct DemoResource {
  // Every element is filled except what the catalog assigns when the resource is stored: id,
  // code, provider_id, provider_code, registration_code, created/updated times and users, and
  // grading.graded_by. provider_name and region are the provider's; status follows `stage`
  // (draft for kDraft and kRejected, registering for the stages in between, registered for
  // kCoded); publish_date is set for kCoded only.
  Resource resource;
  size_t provider_index = 0;  // into DemoCatalog::providers
  DemoStage stage = DemoStage::kCoded;
  // What the registration's last step said: for kReturned the notice listing what is missing,
  // for kRejected the reason, for kPublicityWithObjection the objection; empty otherwise.
  std::string stage_note;
  std::string concept_id;  // the concept of src/demo/data/concepts.tsv it was made from
};

struct DemoCatalog {
  std::vector<DemoProvider> providers;  // every provider of the tables, used or not
  std::vector<DemoResource> resources;
};

// Generates resources one at a time, in any order and from any number of threads: resource
// `index` depends only on the seed, the count and the index. Use it to stream large catalogs
// without holding them in memory.
//
// Stages: kPublicityWithObjection occurs exactly once in any non-empty catalog; with at least 9
// resources every DemoStage occurs; of the rest about 80% are kCoded and 4% kPublicity.
class DemoCatalogGenerator {
 public:
  DemoCatalogGenerator(uint64_t seed, size_t resource_count);

  const std::vector<DemoProvider>& providers() const { return providers_; }
  size_t resource_count() const { return resource_count_; }

  // REQUIRES: index < resource_count(). Thread-safe.
  DemoResource Generate(size_t index) const;

 private:
  struct Pair {
    size_t concept_index = 0;
    size_t provider_index = 0;
  };

  DemoStage StageOf(size_t index, uint64_t draw) const;

  uint64_t seed_;
  size_t resource_count_;
  std::vector<DemoProvider> providers_;
  std::vector<Pair> pairs_;                  // the order resources take (concept, provider) pairs
  std::vector<size_t> forced_indexes_;       // forced_indexes_[stage]: the resource given `stage`
  std::vector<std::string> contact_emails_;  // per provider
  std::vector<std::string> contact_phones_;  // per provider
};

// The whole catalog at once: GenerateDemoCatalog(kDemoSeed, kDemoResourceCount) is the demo.
DemoCatalog GenerateDemoCatalog(uint64_t seed, size_t resource_count);

}  // namespace gongshu
