#include "search/fts5_tokenizer.h"

#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.h"

namespace gongshu {
namespace {

using TokenCallback = int (*)(void* context, int flags, const char* token, int token_bytes,
                              int begin, int end);

// The tokenizer has no state; every instance is this one object.
char tokenizer_instance = 0;

int CreateTokenizer(void* /*context*/, const char** /*arguments*/, int argument_count,
                    Fts5Tokenizer** tokenizer) {
  if (argument_count != 0) return SQLITE_ERROR;
  *tokenizer = reinterpret_cast<Fts5Tokenizer*>(&tokenizer_instance);
  return SQLITE_OK;
}

void DeleteTokenizer(Fts5Tokenizer* /*tokenizer*/) {}

int TokenizeQuery(std::string_view text, void* context, TokenCallback callback) {
  size_t begin = 0;
  while (begin < text.size()) {
    if (text[begin] == ' ') {
      ++begin;
      continue;
    }
    size_t end = text.find(' ', begin);
    if (end == std::string_view::npos) end = text.size();
    int result = callback(context, 0, text.data() + begin, static_cast<int>(end - begin),
                          static_cast<int>(begin), static_cast<int>(end));
    if (result != SQLITE_OK) return result;
    begin = end;
  }
  return SQLITE_OK;
}

int TokenizeDocument(std::string_view text, void* context, TokenCallback callback) {
  for (const IndexToken& token : AnalyzeForIndex(text)) {
    int result = callback(context, token.colocated ? FTS5_TOKEN_COLOCATED : 0, token.text.data(),
                          static_cast<int>(token.text.size()), static_cast<int>(token.begin),
                          static_cast<int>(token.end));
    if (result != SQLITE_OK) return result;
  }
  return SQLITE_OK;
}

int Tokenize(Fts5Tokenizer* /*tokenizer*/, void* context, int flags, const char* text,
             int text_bytes, TokenCallback callback) {
  const std::string_view input = text == nullptr || text_bytes <= 0
                                     ? std::string_view()
                                     : std::string_view(text, static_cast<size_t>(text_bytes));
  // No exception may cross into SQLite's C code.
  try {
    if ((flags & FTS5_TOKENIZE_QUERY) != 0) return TokenizeQuery(input, context, callback);
    return TokenizeDocument(input, context, callback);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

Result<fts5_api*> FindFts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db);
    sqlite3_finalize(statement);
    return Status::Internal("SQLite has no FTS5: " + message);
  }
  sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  if (api == nullptr) return Status::Internal("SQLite returned no FTS5 API");
  return api;
}

}  // namespace

Status RegisterSearchTokenizer(sqlite3* db) {
  GONGSHU_RETURN_IF_ERROR(CheckAnalyzerAvailable());
  Result<fts5_api*> api = FindFts5Api(db);
  if (!api.ok()) return api.status();
  fts5_tokenizer tokenizer{CreateTokenizer, DeleteTokenizer, Tokenize};
  if ((*api)->xCreateTokenizer(*api, kSearchTokenizerName, nullptr, &tokenizer, nullptr) !=
      SQLITE_OK) {
    return Status::Internal(std::string("cannot register the FTS5 tokenizer: ") +
                            sqlite3_errmsg(db));
  }
  return Status::Ok();
}

}  // namespace gongshu
