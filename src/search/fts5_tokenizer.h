// The "gongshu" FTS5 tokenizer: search/analyzer.h for documents, pass-through for queries.
//
//   CREATE VIRTUAL TABLE resource_text USING fts5(name, keywords, summary, items,
//                                                 tokenize = 'gongshu');
//   SELECT ... WHERE resource_text MATCH ?1   -- ?1 from BuildMatchExpression (search/query.h)
//
// Documents (and the text highlight() and snippet() re-read) get AnalyzeForIndex's tokens with
// byte offsets into the original column text, so highlights wrap the text as stored, Traditional
// or full-width included. Query strings are split at ASCII spaces and each piece is passed on
// unchanged: the expression builder has already analyzed them, and a token never holds a space.
// MATCH expressions must therefore come from search/query.h; raw user text would not be folded.
// The tokenizer takes no arguments; tokenize = 'gongshu x' fails at CREATE VIRTUAL TABLE.
#pragma once

#include <sqlite3.h>

#include "common/status.h"

namespace gongshu {

// The name to use in `tokenize = '...'`.
inline constexpr char kSearchTokenizerName[] = "gongshu";

// Registers the tokenizer on `db`. FTS5 tokenizers belong to one connection, so call this on
// every new connection before it touches a table using the tokenizer; calling it again on the
// same connection is harmless. Returns Internal when SQLite lacks FTS5, when ICU lacks the data
// the analyzer needs (search/analyzer.h CheckAnalyzerAvailable), or when registration fails.
// Thread safety: as for any use of `db`; the tokenizer itself keeps no state.
Status RegisterSearchTokenizer(sqlite3* db);

}  // namespace gongshu
