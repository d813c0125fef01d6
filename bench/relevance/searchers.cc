#include "searchers.h"

#include <sqlite3.h>

#include <cstdio>

namespace gongshu {
namespace {

constexpr char kRankByBm25[] = "bm25(doc, 10.0, 5.0, 2.0, 1.0)";
constexpr std::string_view kColumns[] = {"name", "keywords", "summary", "items"};
constexpr int kColumnWeights[] = {10, 5, 2, 1};

// One prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) {
      statement_ = nullptr;
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  sqlite3_stmt* get() const { return statement_; }
  void BindText(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

// An in-memory FTS5 table `doc(name, keywords, summary, items)` with the given tokenizer.
class Fts5Searcher : public Searcher {
 public:
  ~Fts5Searcher() override { sqlite3_close(db_); }

  std::string_view name() const override { return name_; }
  int failed_queries() const override { return failed_queries_; }

  // Opens the database, calls `prepare` on it (to register a tokenizer), creates the table and
  // loads `documents`.
  template <typename Prepare>
  static Status Open(Fts5Searcher* searcher, std::string_view tokenize,
                     const std::vector<SearchDocument>& documents, Prepare prepare) {
    if (sqlite3_open(":memory:", &searcher->db_) != SQLITE_OK) {
      return Status::Internal("cannot open an in-memory SQLite database");
    }
    GONGSHU_RETURN_IF_ERROR(prepare(searcher->db_));
    std::string create =
        "CREATE VIRTUAL TABLE doc USING fts5(name, keywords, summary, items, "
        "tokenize = '" +
        std::string(tokenize) + "')";
    if (sqlite3_exec(searcher->db_, create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      return searcher->Error("creating the FTS5 table");
    }
    sqlite3_exec(searcher->db_, "BEGIN", nullptr, nullptr, nullptr);
    Statement insert(searcher->db_,
                     "INSERT INTO doc(rowid, name, keywords, summary, items) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (insert.get() == nullptr) return searcher->Error("preparing the insert");
    for (size_t index = 0; index < documents.size(); ++index) {
      const SearchDocument& document = documents[index];
      sqlite3_bind_int64(insert.get(), 1, static_cast<sqlite3_int64>(index) + 1);
      insert.BindText(2, document.name);
      insert.BindText(3, document.keywords);
      insert.BindText(4, document.summary);
      insert.BindText(5, document.items);
      if (sqlite3_step(insert.get()) != SQLITE_DONE) return searcher->Error("loading a document");
      sqlite3_reset(insert.get());
    }
    if (sqlite3_exec(searcher->db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return searcher->Error("committing the documents");
    }
    return Status::Ok();
  }

 protected:
  explicit Fts5Searcher(std::string name) : name_(std::move(name)) {}

  // Runs `sql` (which yields rowids) with `parameters` bound to ?1, ?2, ... and returns the
  // document indexes; counts and reports a failure.
  std::vector<int> Run(std::string_view query, const std::string& sql,
                       const std::vector<std::string>& parameters) {
    std::vector<int> indexes;
    Statement statement(db_, sql);
    if (statement.get() == nullptr) {
      Fail(query);
      return indexes;
    }
    for (size_t index = 0; index < parameters.size(); ++index) {
      statement.BindText(static_cast<int>(index) + 1, parameters[index]);
    }
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
      indexes.push_back(static_cast<int>(sqlite3_column_int64(statement.get(), 0)) - 1);
    }
    if (step != SQLITE_DONE) {
      Fail(query);
      indexes.clear();
    }
    return indexes;
  }

 private:
  Status Error(const std::string& what) const {
    return Status::Internal(name_ + ": " + what + ": " + sqlite3_errmsg(db_));
  }
  void Fail(std::string_view query) {
    ++failed_queries_;
    std::fprintf(stderr, "%s: query '%.*s' failed: %s\n", name_.c_str(),
                 static_cast<int>(query.size()), query.data(), sqlite3_errmsg(db_));
  }

  std::string name_;
  sqlite3* db_ = nullptr;
  int failed_queries_ = 0;
};

std::vector<std::string> WhitespaceTerms(std::string_view query) {
  std::vector<std::string> terms;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = query.size();
    if (end > start) terms.emplace_back(query.substr(start, end - start));
    start = end + 1;
  }
  return terms;
}

std::string QuoteForFts5(std::string_view term) {
  std::string quoted = "\"";
  for (char symbol : term) {
    if (symbol == '"') quoted += '"';
    quoted += symbol;
  }
  quoted += '"';
  return quoted;
}

size_t CountCharacters(std::string_view text) {
  size_t count = 0;
  for (char symbol : text) count += (static_cast<unsigned char>(symbol) & 0xC0) != 0x80;
  return count;
}

std::string TopSql(const std::string& where, const std::string& order, int k) {
  return "SELECT rowid FROM doc WHERE " + where + " ORDER BY " + order + ", rowid LIMIT " +
         std::to_string(k);
}

class Unicode61Searcher final : public Fts5Searcher {
 public:
  Unicode61Searcher() : Fts5Searcher("unicode61") {}
  std::vector<int> Top(std::string_view query, int k) override {
    std::string expression;
    for (const std::string& term : WhitespaceTerms(query)) {
      if (!expression.empty()) expression += ' ';
      expression += QuoteForFts5(term);
    }
    if (expression.empty()) return {};
    return Run(query, TopSql("doc MATCH ?1", kRankByBm25, k), {expression});
  }
};

class TrigramSearcher final : public Fts5Searcher {
 public:
  TrigramSearcher() : Fts5Searcher("trigram") {}
  std::vector<int> Top(std::string_view query, int k) override {
    std::string match;
    std::vector<std::string> parameters;
    std::string where;
    std::string like_score;
    for (const std::string& term : WhitespaceTerms(query)) {
      if (CountCharacters(term) >= 3) {
        if (!match.empty()) match += ' ';
        match += QuoteForFts5(term);
        continue;
      }
      std::string pattern = "%";
      for (char symbol : term) {
        if (symbol == '%' || symbol == '_' || symbol == '\\') pattern += '\\';
        pattern += symbol;
      }
      pattern += '%';
      parameters.push_back(pattern);
      std::string parameter = "?" + std::to_string(parameters.size());
      std::string any_column;
      for (size_t column = 0; column < std::size(kColumns); ++column) {
        std::string like = std::string(kColumns[column]) + " LIKE " + parameter + " ESCAPE '\\'";
        any_column += (column == 0 ? "" : " OR ") + like;
        like_score += (like_score.empty() ? "" : " + ") + std::to_string(kColumnWeights[column]) +
                      " * (" + like + ")";
      }
      where += (where.empty() ? "(" : " AND (") + any_column + ")";
    }
    if (match.empty() && where.empty()) return {};
    if (match.empty()) return Run(query, TopSql(where, "(" + like_score + ") DESC", k), parameters);
    parameters.push_back(match);
    std::string match_clause = "doc MATCH ?" + std::to_string(parameters.size());
    where = where.empty() ? match_clause : match_clause + " AND " + where;
    return Run(query, TopSql(where, kRankByBm25, k), parameters);
  }
};

template <typename SearcherType, typename Prepare>
Result<std::unique_ptr<Searcher>> Build(std::string_view tokenize,
                                        const std::vector<SearchDocument>& documents,
                                        Prepare prepare) {
  auto searcher = std::make_unique<SearcherType>();
  GONGSHU_RETURN_IF_ERROR(Fts5Searcher::Open(searcher.get(), tokenize, documents, prepare));
  return std::unique_ptr<Searcher>(std::move(searcher));
}

Status NothingToPrepare(sqlite3*) { return Status::Ok(); }

}  // namespace

SearchDocument SearchDocumentFor(const Resource& resource) {
  SearchDocument document;
  document.name = resource.name;
  document.summary = resource.summary;
  for (const std::string& keyword : resource.keywords) {
    if (!document.keywords.empty()) document.keywords += ' ';
    document.keywords += keyword;
  }
  for (const Item& item : resource.items) {
    if (!document.items.empty()) document.items += ' ';
    document.items += item.title;
    if (!item.description.empty()) document.items += ' ' + item.description;
  }
  return document;
}

Result<std::unique_ptr<Searcher>> NewUnicode61Searcher(
    const std::vector<SearchDocument>& documents) {
  return Build<Unicode61Searcher>("unicode61", documents, &NothingToPrepare);
}

Result<std::unique_ptr<Searcher>> NewTrigramSearcher(const std::vector<SearchDocument>& documents) {
  return Build<TrigramSearcher>("trigram", documents, &NothingToPrepare);
}

}  // namespace gongshu
