// The searchers the relevance benchmark compares, behind one interface: the catalog's own search
// (catalog_searcher.h, "gongshu": the catalog store, its `gongshu` tokenizer and query builder,
// bm25 with column weights name 10, keywords 5, summary 2, items 1) and two baselines built here.
//
// The baselines index the same four columns of every resource in an in-memory SQLite FTS5 table
// and rank by bm25 with the same column weights; only the tokenizer and the way the query becomes
// a MATCH differ:
//   unicode61  SQLite's default tokenizer; each whitespace-separated term of the query is quoted
//              as an FTS5 string, terms ANDed.
//   trigram    SQLite's trigram tokenizer; a term of 3 characters or more is quoted and MATCHed
//              (a substring search), a shorter term, which trigram cannot MATCH, becomes
//              `LIKE '%term%'` over the four columns; terms ANDed. Ranked by bm25 when some term
//              is MATCHed, otherwise by the column weights of the LIKE matches (10 for a name
//              match, 5 keywords, 2 summary, 1 items, summed over terms).
// docs/relevance.md explains why these are the fair baselines.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/resource.h"
#include "common/status.h"

namespace gongshu {

class Searcher {
 public:
  virtual ~Searcher() = default;
  // Short name for the report ("gongshu").
  virtual std::string_view name() const = 0;
  // The indexes (into the documents the searcher was built from) of at most `k` best matches for
  // `query`, best first. Empty when nothing matches or the query failed.
  virtual std::vector<int> Top(std::string_view query, int k) = 0;
  // How many queries failed (an error, not an empty result); each is reported on stderr.
  virtual int failed_queries() const = 0;
};

// The searchable text of one resource, by column.
struct SearchDocument {
  std::string name;
  std::string keywords;  // keywords joined by spaces
  std::string summary;
  std::string items;  // item titles and descriptions joined by spaces
};
SearchDocument SearchDocumentFor(const Resource& resource);

// Each builds its index over `documents` (index i gets rowid i + 1). Internal when SQLite lacks
// FTS5 or the tokenizer, or loading fails.
Result<std::unique_ptr<Searcher>> NewUnicode61Searcher(
    const std::vector<SearchDocument>& documents);
Result<std::unique_ptr<Searcher>> NewTrigramSearcher(const std::vector<SearchDocument>& documents);

}  // namespace gongshu
