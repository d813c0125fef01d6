// RdfGraph: a small in-memory RDF graph — the one model the DCAT mapping builds and both
// serializations (turtle.h, json_ld.h) write, so Turtle and JSON-LD always carry the same triples.
//
// Subjects and predicates are absolute IRIs; objects are IRIs or literals. There are no blank
// nodes: every node gets an IRI (fragments of the dataset's IRI for its parts), which keeps the
// two serializations trivially comparable and lets catalog pages be merged without renaming.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace gongshu {

// The namespaces the interop part writes, with the prefixes Turtle and JSON-LD use for them.
inline constexpr std::string_view kRdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfsNamespace = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kXsdNamespace = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kDcatNamespace = "http://www.w3.org/ns/dcat#";
inline constexpr std::string_view kDctNamespace = "http://purl.org/dc/terms/";
inline constexpr std::string_view kFoafNamespace = "http://xmlns.com/foaf/0.1/";
inline constexpr std::string_view kVcardNamespace = "http://www.w3.org/2006/vcard/ns#";
inline constexpr std::string_view kSkosNamespace = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view kAdmsNamespace = "http://www.w3.org/ns/adms#";
inline constexpr std::string_view kDcatApNamespace = "http://data.europa.eu/r5r/";
inline constexpr std::string_view kLocnNamespace = "http://www.w3.org/ns/locn#";
inline constexpr std::string_view kGeoSparqlNamespace = "http://www.opengis.net/ont/geosparql#";
inline constexpr std::string_view kHydraNamespace = "http://www.w3.org/ns/hydra/core#";
// Gongshu's own small vocabulary for the catalog elements DCAT-AP has no property for
// (docs/dcat-ap.md lists its terms).
inline constexpr std::string_view kGongshuNamespace = "https://gongshu.dev/ns/catalog#";

struct RdfPrefix {
  std::string_view prefix;         // "dcat"
  std::string_view namespace_iri;  // "http://www.w3.org/ns/dcat#"
};

// The prefixes above, in the order serializations declare them.
const std::vector<RdfPrefix>& RdfPrefixes();

// An object of a triple: an IRI or a literal.
struct RdfTerm {
  enum class Kind { kIri, kLiteral };

  Kind kind = Kind::kIri;
  std::string value;     // the IRI, or the literal's lexical form (valid UTF-8)
  std::string language;  // literals only: a lower-case BCP 47 tag ("zh"), or empty
  std::string datatype;  // literals only: the datatype IRI; empty for xsd:string / rdf:langString

  // An IRI term. REQUIRES: `iri` is absolute and already safe (iri.h SanitizeIri).
  static RdfTerm Iri(std::string iri);
  // A plain or language-tagged string. Bytes of `text` that are not valid UTF-8 become U+FFFD,
  // so any input makes a term both serializations can write.
  static RdfTerm Text(std::string_view text, std::string_view language = "");
  // A typed literal, e.g. ("2024-01-31", xsd:date). Invalid UTF-8 becomes U+FFFD.
  static RdfTerm Typed(std::string_view lexical, std::string datatype_iri);

  friend bool operator==(const RdfTerm&, const RdfTerm&) = default;
};

struct RdfTriple {
  std::string subject;    // an IRI
  std::string predicate;  // an IRI
  RdfTerm object;
};

// A set of triples that remembers the order they were first added in (serializations follow it,
// so output is deterministic). Not thread-safe; a value type.
class RdfGraph {
 public:
  // Adds the triple unless the graph has it already.
  void Add(std::string_view subject, std::string_view predicate, RdfTerm object);
  // Adds `subject rdf:type type_iri`.
  void AddType(std::string_view subject, std::string_view type_iri);
  // Adds every triple of `other` (keeping this graph's order first).
  void Merge(const RdfGraph& other);

  const std::vector<RdfTriple>& triples() const { return triples_; }
  bool Contains(std::string_view subject, std::string_view predicate, const RdfTerm& object) const;

 private:
  std::vector<RdfTriple> triples_;
  std::unordered_set<std::string> keys_;  // one key per triple, for de-duplication
};

// "namespace + local", for building IRIs from the constants above.
std::string RdfIri(std::string_view namespace_iri, std::string_view local);

// `text` with every byte that does not belong to a valid UTF-8 sequence (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF) replaced by U+FFFD.
std::string ToValidUtf8(std::string_view text);

}  // namespace gongshu
