// JSON-LD 1.1 output for an RdfGraph: the same triples as turtle.h writes, as a JSON document that
// JSON-LD processors expand without fetching anything (the @context is inline).
#pragma once

#include <nlohmann/json.hpp>

#include "interop/rdf_graph.h"

namespace gongshu {

// `graph` as a JSON-LD document:
//   {"@context": {prefix: namespace, ...}, "@graph": [node, ...]}
// The @context declares the prefixes of rdf_graph.h the document uses. One node object per
// subject, in the order subjects first appear: "@id" (the full IRI), "@type" (a list), then one
// key per predicate (a compact IRI "prefix:local" when the IRI is in a known namespace, else the
// full IRI) whose value is a list of {"@id": iri}, {"@value", "@language"}, {"@value", "@type"}
// or {"@value"} objects. No term definitions and no value compaction, so the mapping from this
// document to triples is the plain one. Deterministic.
nlohmann::json WriteJsonLd(const RdfGraph& graph);

}  // namespace gongshu
