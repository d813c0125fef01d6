// search_load: builds the catalog the search benchmark measures (bench/search/run_search_bench.sh,
// docs/benchmarks.md "Catalog search"), and the same catalog for PostgreSQL.
//
// usage: search_load --data-dir DIR --resources N --docs-tsv FILE --queries-tsv FILE
//                    [--seed S] [--query-count Q]
//
// DIR must be a data directory that `gongshu init` created and nothing else wrote to. Into it go
// the demo catalog's providers as organizations and N demo resources (demo/demo_catalog.h, seed
// S, default kDemoSeed), every one registered, written straight into the store as `gongshu serve`
// reads them: the `resources` row, its first `resource_versions` row and the search rows of
// IndexResource, in transactions of kBatchSize resources. Ids, codes and times are derived from
// the index, so the same N and S give the same catalog, ids included, on every run.
//
// The index build is timed on its own (wall clock, from the first organization to the WAL
// checkpoint after the last batch), and the peak RSS of the process is read just after it;
// generating the resources is part of that time and is also reported alone. Only then is the
// catalog generated a second time for:
//   - FILE of --docs-tsv, for PostgreSQL's COPY (text format), one line per resource:
//       seq, id, themes (an array literal), provider id, region, grade,
//       then the tokens of name, keywords, summary and items, each space-separated,
//     where the tokens are what search/analyzer.h AnalyzeForIndex gives for the very text the
//     store indexes in that column, leaving out the word-bigram tokens ("#" + bigram): those
//     serve gongshu's ranking only, and PostgreSQL's parser would read them as plain bigrams;
//   - FILE of --queries-tsv, Q queries (default 1000), one line each:
//       qid (from 1), the query as a person types it (terms separated by a space),
//       a theme id to filter on (empty for none), the query's tokens for PostgreSQL.
//     A query is made from one resource picked at random (seeded): 1, 2 or 3 distinct Chinese
//     words of two characters or more taken from its keywords and the words of its name, and
//     for half the queries one of its themes as the filter, so that every query matches at least
//     one resource. Shapes cycle with the qid: (qid - 1) % 3 + 1 terms, with a theme when
//     (qid - 1) / 3 is odd. The PostgreSQL tokens of a word are its character bigrams (the
//     character itself for a one-character word), the tokens the documents carry.
//
// Prints what it did and the figures as `key=value` lines for the script: build_seconds,
// generate_seconds, peak_rss_kib, rss_anon_kib and rss_file_kib (the RSS just after the build:
// private memory, and pages of the memory-mapped database), database_bytes. Exits 1 on any error, 2
// on a usage error.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/resource.h"
#include "catalog/resource_json.h"
#include "common/event.h"
#include "demo/demo_catalog.h"
#include "identity/organization.h"
#include "identity/uscc.h"
#include "registration/registration_code.h"
#include "search/analyzer.h"
#include "store/sqlite.h"
#include "store/sqlite_catalog_store.h"
#include "store/sqlite_identity_store.h"

namespace gongshu {
namespace {

constexpr size_t kBatchSize = 20000;
constexpr size_t kDefaultQueryCount = 1000;
constexpr char kUsage[] =
    "usage: search_load --data-dir DIR --resources N --docs-tsv FILE --queries-tsv FILE\n"
    "                   [--seed S] [--query-count Q]\n";

struct Options {
  std::string data_dir;
  size_t resources = 0;
  std::string docs_tsv;
  std::string queries_tsv;
  uint64_t seed = kDemoSeed;
  size_t query_count = kDefaultQueryCount;
};

std::optional<uint64_t> ParseNumber(const std::string& text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char symbol : text) {
    if (symbol < '0' || symbol > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(symbol - '0');
  }
  return value;
}

std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  for (int index = 1; index + 1 < argc; index += 2) {
    std::string name = argv[index];
    std::string value = argv[index + 1];
    std::optional<uint64_t> number = ParseNumber(value);
    if (name == "--data-dir") {
      options.data_dir = value;
    } else if (name == "--docs-tsv") {
      options.docs_tsv = value;
    } else if (name == "--queries-tsv") {
      options.queries_tsv = value;
    } else if (name == "--resources" && number && *number > 0) {
      options.resources = *number;
    } else if (name == "--seed" && number) {
      options.seed = *number;
    } else if (name == "--query-count" && number && *number > 0) {
      options.query_count = *number;
    } else {
      return std::nullopt;
    }
  }
  if (argc % 2 == 0 || options.data_dir.empty() || options.resources == 0 ||
      options.docs_tsv.empty() || options.queries_tsv.empty()) {
    return std::nullopt;
  }
  return options;
}

// `prefix` + "_" + 20 characters of the alphabet NewId uses, spelling `number`.
std::string BenchId(std::string_view prefix, uint64_t number) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string id(prefix);
  id += '_';
  std::string digits(20, 'a');
  for (size_t position = digits.size(); position > 0 && number > 0; --position) {
    digits[position - 1] = kAlphabet[number % 32];
    number /= 32;
  }
  return id + digits;
}

// Where the catalog's times start; resource `index` was last changed `index` seconds later.
TimePoint BaseTime() {
  return std::chrono::sys_days{std::chrono::year{2026} / std::chrono::January / 5};
}

// The text the store indexes in the keywords and items columns (IndexResource in
// store/sqlite_catalog_store.cc builds them the same way).
std::string KeywordsText(const Resource& resource) {
  std::string text;
  for (const std::string& keyword : resource.keywords) text += keyword + "\n";
  return text;
}

std::string ItemsText(const Resource& resource) {
  std::string text;
  for (const Item& item : resource.items) {
    text += item.title + " " + item.name + " " + item.description + "\n";
  }
  return text;
}

// Organization `index` of the benchmark: demo provider `index` with a fixed id and time.
Result<Organization> ProviderOrganization(size_t index, const DemoProvider& provider) {
  Organization organization;
  organization.id = BenchId("org", index + 1);
  organization.name = provider.name;
  std::optional<OrganizationType> type = ParseOrganizationType(provider.type);
  if (!type) return Status::Internal("a demo provider has the unknown type " + provider.type);
  organization.type = *type;
  organization.division_code = provider.division_code;
  organization.uscc = provider.uscc_body + UsccCheckCharacter(provider.uscc_body);
  organization.created_at = BaseTime();
  organization.updated_at = BaseTime();
  return organization;
}

// The demo catalog as the benchmark stores it.
class BenchCatalog {
 public:
  static Result<BenchCatalog> Create(const Options& options) {
    BenchCatalog catalog(options);
    for (size_t index = 0; index < catalog.generator_.providers().size(); ++index) {
      Result<Organization> organization =
          ProviderOrganization(index, catalog.generator_.providers()[index]);
      if (!organization.ok()) return organization.status();
      catalog.organizations_.push_back(std::move(*organization));
    }
    return catalog;
  }

  const std::vector<Organization>& organizations() const { return organizations_; }

  // Resource `index`, registered, with its id, provider and times (its code is the caller's).
  DemoResource Generate(size_t index) const {
    DemoResource demo = generator_.Generate(index);
    Resource& resource = demo.resource;
    const Organization& provider = organizations_[demo.provider_index];
    TimePoint changed = BaseTime() + std::chrono::seconds(index);
    resource.id = BenchId("res", index + 1);
    resource.provider_id = provider.id;
    resource.provider_code = provider.uscc.value_or(provider.id);
    resource.region = provider.division_code;
    resource.status = ResourceStatus::kRegistered;
    if (!resource.publish_date) resource.publish_date = "2026-01-05";
    Result<std::string> code =
        FormatRegistrationCode("350000", 2020 + static_cast<int>(index / kMaxRegistrationSerial),
                               static_cast<int>(index % kMaxRegistrationSerial) + 1);
    if (code.ok()) resource.registration_code = *code;
    resource.created_at = changed;
    resource.updated_at = changed;
    return demo;
  }

 private:
  explicit BenchCatalog(const Options& options) : generator_(options.seed, options.resources) {}

  DemoCatalogGenerator generator_;
  std::vector<Organization> organizations_;
};

Status InsertProviders(ConnectionPool& pool, const std::vector<Organization>& organizations) {
  SqliteIdentityStore store(pool);
  for (const Organization& organization : organizations) {
    nlohmann::json detail = {{"name", organization.name},
                             {"type", std::string(OrganizationTypeName(organization.type))}};
    Event event{"organization.created", "", organization.id, BaseTime(), detail.dump()};
    GONGSHU_RETURN_IF_ERROR(store.InsertOrganization(organization, event));
  }
  return Status::Ok();
}

Status InsertResource(SqliteConnection& connection, int64_t seq, const Resource& resource) {
  std::string document =
      ResourceToJson(resource).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  Result<Statement> insert = connection.Prepare(
      "INSERT INTO resources (seq, id, version, code, provider_id, name, status, updated_at, "
      "document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  GONGSHU_RETURN_IF_ERROR(insert->Bind(1, seq)
                              .Bind(2, resource.id)
                              .Bind(3, resource.version)
                              .Bind(4, resource.code)
                              .Bind(5, resource.provider_id)
                              .Bind(6, resource.name)
                              .Bind(7, std::string(ResourceStatusName(resource.status)))
                              .Bind(8, FormatIsoTime(resource.updated_at))
                              .Bind(9, document)
                              .Run());
  Result<Statement> version = connection.Prepare(
      "INSERT INTO resource_versions (resource_seq, version, changed_by, changed_at, reason, "
      "document) VALUES (?, ?, ?, ?, ?, ?)");
  if (!version.ok()) return version.status();
  GONGSHU_RETURN_IF_ERROR(version->Bind(1, seq)
                              .Bind(2, resource.version)
                              .Bind(3, std::string())
                              .Bind(4, FormatIsoTime(resource.updated_at))
                              .Bind(5, std::string("registered by the search benchmark"))
                              .Bind(6, document)
                              .Run());
  return IndexResource(connection, seq, resource);
}

struct BuildFigures {
  double build_seconds = 0;
  double generate_seconds = 0;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<BuildFigures> BuildIndex(const Options& options, const BenchCatalog& catalog) {
  auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<ConnectionPool>> pool =
      ConnectionPool::Open(options.data_dir + "/gongshu.db", 1);
  if (!pool.ok()) return pool.status();
  const std::vector<Organization>& organizations = catalog.organizations();
  GONGSHU_RETURN_IF_ERROR(InsertProviders(**pool, organizations));

  BuildFigures figures;
  std::vector<int64_t> serials(organizations.size(), 0);
  Status status = (*pool)->With([&](SqliteConnection& connection) -> Status {
    for (size_t first = 0; first < options.resources; first += kBatchSize) {
      size_t last = std::min(options.resources, first + kBatchSize);
      GONGSHU_RETURN_IF_ERROR(connection.Transaction([&]() -> Status {
        for (size_t index = first; index < last; ++index) {
          auto generate_start = std::chrono::steady_clock::now();
          DemoResource demo = catalog.Generate(index);
          char digits[24];
          std::snprintf(digits, sizeof digits, "%05lld",
                        static_cast<long long>(++serials[demo.provider_index]));
          demo.resource.code = demo.resource.provider_code + "-" + digits;
          figures.generate_seconds += SecondsSince(generate_start);
          GONGSHU_RETURN_IF_ERROR(
              InsertResource(connection, static_cast<int64_t>(index) + 1, demo.resource));
        }
        return Status::Ok();
      }));
      std::fprintf(stderr, "\rsearch_load: %zu of %zu resources stored", last, options.resources);
    }
    std::fputc('\n', stderr);
    GONGSHU_RETURN_IF_ERROR(connection.Transaction([&]() -> Status {
      for (size_t index = 0; index < serials.size(); ++index) {
        if (serials[index] == 0) continue;
        Result<Statement> serial = connection.Prepare(
            "INSERT INTO provider_serials (provider_id, last_serial) VALUES (?, ?)");
        if (!serial.ok()) return serial.status();
        GONGSHU_RETURN_IF_ERROR(
            serial->Bind(1, organizations[index].id).Bind(2, serials[index]).Run());
      }
      return Status::Ok();
    }));
    return connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
  });
  if (!status.ok()) return status;
  figures.build_seconds = SecondsSince(start);
  return figures;
}

// COPY text format: a backslash, tab or line break in a value is escaped.
void AppendCopyValue(std::string_view value, std::string* line) {
  for (char symbol : value) {
    if (symbol == '\\') {
      *line += "\\\\";
    } else if (symbol == '\t') {
      *line += "\\t";
    } else if (symbol == '\n') {
      *line += "\\n";
    } else if (symbol == '\r') {
      *line += "\\r";
    } else {
      *line += symbol;
    }
  }
}

void AppendTokens(std::string_view text, std::string* line) {
  bool first = true;
  for (const IndexToken& token : AnalyzeForIndex(text)) {
    if (token.text.starts_with(kWordBigramMarker)) continue;
    if (!first) *line += ' ';
    first = false;
    AppendCopyValue(token.text, line);
  }
}

std::string DocumentLine(int64_t seq, const Resource& resource) {
  std::string line = std::to_string(seq) + "\t" + resource.id + "\t{";
  for (size_t index = 0; index < resource.themes.size(); ++index) {
    if (index > 0) line += ',';
    line += resource.themes[index];
  }
  line += "}\t";
  AppendCopyValue(resource.provider_id, &line);
  line += '\t';
  AppendCopyValue(resource.region, &line);
  line += '\t';
  line += GradeName(resource.grading.grade);
  for (const std::string& text :
       {resource.name, KeywordsText(resource), resource.summary, ItemsText(resource)}) {
    line += '\t';
    AppendTokens(text, &line);
  }
  line += '\n';
  return line;
}

// The Chinese words of two characters or more a person would type to find `resource`: its
// keywords and the words of its name (as the analyzer splits them), folded, without repeats.
std::vector<std::string> QueryWords(const Resource& resource) {
  std::vector<std::string> words;
  std::set<std::string> seen;
  auto add_words_of = [&](std::string_view text) {
    std::vector<SearchUnit> units = SplitIntoUnits(text);
    size_t start = 0;
    while (start < units.size()) {
      size_t end = start + 1;
      while (end < units.size() && units[end].word == units[start].word) ++end;
      bool chinese = end - start >= 2;
      std::string word;
      for (size_t index = start; index < end; ++index) {
        chinese = chinese && units[index].kind == SearchUnitKind::kCjkCharacter &&
                  (index == start || units[index].follows_directly);
        word += units[index].text;
      }
      if (chinese && seen.insert(word).second) words.push_back(word);
      start = end;
    }
  };
  for (const std::string& keyword : resource.keywords) add_words_of(keyword);
  add_words_of(resource.name);
  return words;
}

// The tokens PostgreSQL matches `words` with: each word's character bigrams.
std::string PostgresTokens(const std::vector<std::string>& words) {
  std::string tokens;
  auto add = [&tokens](const std::string& token) {
    if (!tokens.empty()) tokens += ' ';
    tokens += token;
  };
  for (const std::string& word : words) {
    std::vector<SearchUnit> units = SplitIntoUnits(word);
    if (units.size() == 1) add(units[0].text);
    for (size_t index = 0; index + 1 < units.size(); ++index) {
      add(units[index].text + units[index + 1].text);
    }
  }
  return tokens;
}

struct BenchQuery {
  std::vector<std::string> words;
  std::string theme;
};

// The query `qid` made from `resource`, with `random` choosing words and the theme.
BenchQuery MakeQuery(size_t qid, const Resource& resource, std::mt19937_64* random) {
  BenchQuery query;
  std::vector<std::string> words = QueryWords(resource);
  size_t wanted = (qid - 1) % 3 + 1;
  for (size_t index = words.size(); index > 1; --index) {
    std::swap(words[index - 1], words[(*random)() % index]);
  }
  words.resize(std::min(wanted, words.size()));
  query.words = words;
  if (((qid - 1) / 3) % 2 == 1 && !resource.themes.empty()) {
    query.theme = resource.themes[(*random)() % resource.themes.size()];
  }
  return query;
}

Status WriteSearchFiles(const Options& options, const BenchCatalog& catalog) {
  std::ofstream documents(options.docs_tsv, std::ios::binary | std::ios::trunc);
  if (!documents) return Status::Internal("cannot write " + options.docs_tsv);
  // Which resource each query comes from, drawn before the pass so it needs one walk.
  std::mt19937_64 random(options.seed ^ 0x5eac4b3e7cULL);
  std::multimap<size_t, size_t> sources;  // resource index -> qid
  for (size_t qid = 1; qid <= options.query_count; ++qid) {
    sources.emplace(static_cast<size_t>(random() % options.resources), qid);
  }
  std::vector<BenchQuery> queries(options.query_count + 1);
  for (size_t index = 0; index < options.resources; ++index) {
    DemoResource demo = catalog.Generate(index);
    documents << DocumentLine(static_cast<int64_t>(index) + 1, demo.resource);
    auto [begin, end] = sources.equal_range(index);
    for (auto source = begin; source != end; ++source) {
      queries[source->second] = MakeQuery(source->second, demo.resource, &random);
    }
  }
  documents.close();
  if (!documents) return Status::Internal("cannot write " + options.docs_tsv);

  std::ofstream lines(options.queries_tsv, std::ios::binary | std::ios::trunc);
  if (!lines) return Status::Internal("cannot write " + options.queries_tsv);
  for (size_t qid = 1; qid <= options.query_count; ++qid) {
    const BenchQuery& query = queries[qid];
    if (query.words.empty()) {
      return Status::Internal("the resource of query " + std::to_string(qid) +
                              " has no Chinese word to search for");
    }
    std::string text;
    for (const std::string& word : query.words) text += (text.empty() ? "" : " ") + word;
    lines << qid << '\t' << text << '\t' << query.theme << '\t' << PostgresTokens(query.words)
          << '\n';
  }
  lines.close();
  if (!lines) return Status::Internal("cannot write " + options.queries_tsv);
  return Status::Ok();
}

// A "Rss..." line of /proc/self/status in KiB (RssAnon, RssFile); -1 when it cannot be read.
long StatusKib(std::string_view key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
      return std::strtol(line.c_str() + key.size() + 1, nullptr, 10);
    }
  }
  return -1;
}

uintmax_t DatabaseBytes(const std::string& data_dir) {
  uintmax_t total = 0;
  for (const char* name : {"/gongshu.db", "/gongshu.db-wal"}) {
    std::error_code error;
    uintmax_t size = std::filesystem::file_size(data_dir + name, error);
    if (!error) total += size;
  }
  return total;
}

int Run(const Options& options) {
  Result<BenchCatalog> catalog = BenchCatalog::Create(options);
  if (!catalog.ok()) {
    std::fprintf(stderr, "search_load: %s\n", catalog.status().message().c_str());
    return 1;
  }
  Result<BuildFigures> figures = BuildIndex(options, *catalog);
  if (!figures.ok()) {
    std::fprintf(stderr, "search_load: %s\n", figures.status().message().c_str());
    return 1;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("search_load: %zu resources stored and indexed in %s\n", options.resources,
              options.data_dir.c_str());
  std::printf("build_seconds=%.2f\n", figures->build_seconds);
  std::printf("generate_seconds=%.2f\n", figures->generate_seconds);
  std::printf("peak_rss_kib=%ld\n", usage.ru_maxrss);
  // The store memory-maps the database, so mapped file pages count in the RSS.
  std::printf("rss_anon_kib=%ld\n", StatusKib("RssAnon"));
  std::printf("rss_file_kib=%ld\n", StatusKib("RssFile"));
  std::printf("database_bytes=%ju\n", DatabaseBytes(options.data_dir));
  std::fflush(stdout);

  Status written = WriteSearchFiles(options, *catalog);
  if (!written.ok()) {
    std::fprintf(stderr, "search_load: %s\n", written.message().c_str());
    return 1;
  }
  std::printf("search_load: wrote %s and %zu queries to %s\n", options.docs_tsv.c_str(),
              options.query_count, options.queries_tsv.c_str());
  return 0;
}

}  // namespace
}  // namespace gongshu

int main(int argc, char** argv) {
  std::optional<gongshu::Options> options = gongshu::ParseOptions(argc, argv);
  if (!options) {
    std::fputs(gongshu::kUsage, stderr);
    return 2;
  }
  return gongshu::Run(*options);
}
