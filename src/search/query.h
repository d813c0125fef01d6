// From what a person types in a search box to an FTS5 MATCH expression over columns indexed with
// the "gongshu" tokenizer (search/fts5_tokenizer.h). docs/search.md ("Queries") has the rules and
// examples.
//
// The query is analyzed like a document (search/analyzer.h) and cut into terms: a Latin or digit
// word, a Chinese word as ICU's dictionary finds it (adjacent one-character words taken together,
// so 医保 stays one term), a key of the synonym table, or a Latin or digit word with the
// one-character Chinese word written right after it (2024年, A级). Every term must match (AND)
// its own text or any of its expansions (OR); terms written without a gap between them may also
// match as one phrase, which ranks higher. Every phrase is quoted and holds only analyzed tokens,
// so FTS5 syntax typed by a user (quotes, parentheses, *, ^, :, AND/OR/NOT/NEAR) is never
// interpreted.
//
// The expression is meant for `... MATCH ?` with the table's tokenizer set to "gongshu" and the
// default detail=full (phrases need token positions). Thread-safe; never fails.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "search/synonyms.h"

namespace gongshu {

// Only the first kMaxQueryBytes bytes of a query are read (cut at a character boundary); at most
// kMaxQueryTerms terms are kept and a Chinese term is cut after kMaxTermUnits characters.
inline constexpr size_t kMaxQueryBytes = 1024;
inline constexpr size_t kMaxQueryTerms = 32;
inline constexpr size_t kMaxTermUnits = 32;

// The MATCH expression for `query`, expanded with `synonyms`. Returns the empty string when the
// query holds no searchable text (empty, spaces, punctuation only, invalid bytes): the caller then
// applies no text filter, since an empty MATCH is an FTS5 error.
std::string BuildMatchExpression(std::string_view query,
                                 const SynonymTable& synonyms = DefaultSynonymTable());

// As BuildMatchExpression, for suggestions while typing: when the query ends in a Latin or digit
// word (nothing after it, not even a space), that word also matches as a prefix ("gd" finds
// "gdp"). Chinese characters are typed whole, so a final Chinese term is matched as usual.
std::string BuildPrefixMatchExpression(std::string_view query,
                                       const SynonymTable& synonyms = DefaultSynonymTable());

}  // namespace gongshu
