// Turtle (W3C RDF 1.1 Turtle, 2014) output: escaping of strings and IRIs, and a writer for an
// RdfGraph. The output is what N-Triples-level tools expect: every string escaped so that no
// value — quotes, backslashes, newlines, control characters, any Unicode — can end a literal or
// an IRI early.
#pragma once

#include <string>
#include <string_view>

#include "interop/rdf_graph.h"

namespace gongshu {

// `text` as a Turtle STRING_LITERAL_QUOTE, quotes included: '"' and '\' are escaped with a
// backslash, LF CR TAB BS FF as \n \r \t \b \f, the other C0 controls and DEL as \u00XX; every
// other character is written as is. Bytes that are not valid UTF-8 are written as U+FFFD.
std::string TurtleString(std::string_view text);

// `iri` as a Turtle IRIREF, angle brackets included, after iri.h SanitizeIri.
std::string TurtleIri(std::string_view iri);

// `graph` as a Turtle document: @prefix lines for the prefixes of rdf_graph.h that the document
// uses, then one block per subject in the order subjects first appear, predicates in the order
// they first appear for that subject (rdf:type first, written `a`), objects of one predicate
// joined by commas. IRIs in a known namespace whose local part is a plain name are written as
// prefixed names; all others in full. Deterministic: the same graph gives the same bytes.
std::string WriteTurtle(const RdfGraph& graph);

}  // namespace gongshu
