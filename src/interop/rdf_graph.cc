#include "interop/rdf_graph.h"

#include <utility>

namespace gongshu {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// The length of the valid UTF-8 sequence starting at `text[index]`, or 0 when there is none.
size_t ValidSequenceLength(std::string_view text, size_t index) {
  auto byte = [&](size_t offset) { return static_cast<unsigned char>(text[index + offset]); };
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;  // no overlong forms
    if (lead == 0xED) second_max = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;  // no overlong forms
    if (lead == 0xF4) second_max = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (index + length > text.size()) return 0;
  if (byte(1) < second_min || byte(1) > second_max) return 0;
  for (size_t offset = 2; offset < length; ++offset) {
    if (byte(offset) < 0x80 || byte(offset) > 0xBF) return 0;
  }
  return length;
}

std::string TripleKey(std::string_view subject, std::string_view predicate, const RdfTerm& object) {
  // Length-prefixed parts keep the key unambiguous whatever the parts contain.
  std::string key;
  for (std::string_view part :
       {subject, predicate, std::string_view(object.value), std::string_view(object.language),
        std::string_view(object.datatype)}) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  }
  key += object.kind == RdfTerm::Kind::kIri ? 'I' : 'L';
  return key;
}

}  // namespace

const std::vector<RdfPrefix>& RdfPrefixes() {
  static const std::vector<RdfPrefix> kPrefixes = {
      {"rdf", kRdfNamespace},       {"rdfs", kRdfsNamespace},       {"xsd", kXsdNamespace},
      {"dcat", kDcatNamespace},     {"dct", kDctNamespace},         {"foaf", kFoafNamespace},
      {"vcard", kVcardNamespace},   {"skos", kSkosNamespace},       {"adms", kAdmsNamespace},
      {"dcatap", kDcatApNamespace}, {"locn", kLocnNamespace},       {"gsp", kGeoSparqlNamespace},
      {"hydra", kHydraNamespace},   {"gongshu", kGongshuNamespace},
  };
  return kPrefixes;
}

RdfTerm RdfTerm::Iri(std::string iri) {
  RdfTerm term;
  term.kind = Kind::kIri;
  term.value = std::move(iri);
  return term;
}

RdfTerm RdfTerm::Text(std::string_view text, std::string_view language) {
  RdfTerm term;
  term.kind = Kind::kLiteral;
  term.value = ToValidUtf8(text);
  term.language = std::string(language);
  return term;
}

RdfTerm RdfTerm::Typed(std::string_view lexical, std::string datatype_iri) {
  RdfTerm term;
  term.kind = Kind::kLiteral;
  term.value = ToValidUtf8(lexical);
  term.datatype = std::move(datatype_iri);
  return term;
}

void RdfGraph::Add(std::string_view subject, std::string_view predicate, RdfTerm object) {
  if (!keys_.insert(TripleKey(subject, predicate, object)).second) return;
  triples_.push_back({std::string(subject), std::string(predicate), std::move(object)});
}

void RdfGraph::AddType(std::string_view subject, std::string_view type_iri) {
  Add(subject, RdfIri(kRdfNamespace, "type"), RdfTerm::Iri(std::string(type_iri)));
}

void RdfGraph::Merge(const RdfGraph& other) {
  for (const RdfTriple& triple : other.triples_) {
    Add(triple.subject, triple.predicate, triple.object);
  }
}

bool RdfGraph::Contains(std::string_view subject, std::string_view predicate,
                        const RdfTerm& object) const {
  return keys_.count(TripleKey(subject, predicate, object)) > 0;
}

std::string RdfIri(std::string_view namespace_iri, std::string_view local) {
  std::string iri(namespace_iri);
  iri += local;
  return iri;
}

std::string ToValidUtf8(std::string_view text) {
  std::string valid;
  valid.reserve(text.size());
  size_t index = 0;
  while (index < text.size()) {
    size_t length = ValidSequenceLength(text, index);
    if (length == 0) {
      valid += kReplacementCharacter;
      ++index;
    } else {
      valid.append(text.substr(index, length));
      index += length;
    }
  }
  return valid;
}

}  // namespace gongshu
