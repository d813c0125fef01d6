#include "interop/turtle.h"

#include <cstdio>
#include <set>
#include <unordered_map>
#include <vector>

#include "interop/iri.h"

namespace gongshu {
namespace {

// Whether `local` is a PN_LOCAL that needs no escaping: a letter or '_', then letters, digits,
// '_' or '-'.
bool IsPlainLocalName(std::string_view local) {
  if (local.empty()) return false;
  char first = local[0];
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_')) {
    return false;
  }
  for (char symbol : local) {
    bool ok = (symbol >= 'a' && symbol <= 'z') || (symbol >= 'A' && symbol <= 'Z') ||
              (symbol >= '0' && symbol <= '9') || symbol == '_' || symbol == '-';
    if (!ok) return false;
  }
  return true;
}

// Writes IRIs, compacting them with the known prefixes, and remembers which prefixes it used.
class IriWriter {
 public:
  std::string Write(std::string_view iri) {
    for (const RdfPrefix& prefix : RdfPrefixes()) {
      if (iri.size() > prefix.namespace_iri.size() && iri.starts_with(prefix.namespace_iri) &&
          IsPlainLocalName(iri.substr(prefix.namespace_iri.size()))) {
        used_.insert(prefix.prefix);
        std::string compact(prefix.prefix);
        compact += ':';
        compact += iri.substr(prefix.namespace_iri.size());
        return compact;
      }
    }
    return TurtleIri(iri);
  }

  bool Used(std::string_view prefix) const { return used_.count(prefix) > 0; }

 private:
  std::set<std::string_view> used_;
};

std::string WriteObject(const RdfTerm& term, IriWriter* iris) {
  if (term.kind == RdfTerm::Kind::kIri) return iris->Write(term.value);
  std::string literal = TurtleString(term.value);
  if (!term.language.empty()) {
    literal += '@';
    literal += term.language;
  } else if (!term.datatype.empty()) {
    literal += "^^";
    literal += iris->Write(term.datatype);
  }
  return literal;
}

struct PredicateObjects {
  std::string predicate;
  std::vector<const RdfTerm*> objects;
};

struct SubjectBlock {
  std::string subject;
  std::vector<PredicateObjects> predicates;
};

}  // namespace

std::string TurtleString(std::string_view text) {
  std::string valid = ToValidUtf8(text);
  std::string quoted;
  quoted.reserve(valid.size() + 2);
  quoted.push_back('"');
  for (char symbol : valid) {
    auto byte = static_cast<unsigned char>(symbol);
    switch (symbol) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\r':
        quoted += "\\r";
        break;
      case '\t':
        quoted += "\\t";
        break;
      case '\b':
        quoted += "\\b";
        break;
      case '\f':
        quoted += "\\f";
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          char escape[7];
          std::snprintf(escape, sizeof(escape), "\\u%04X", byte);
          quoted += escape;
        } else {
          quoted.push_back(symbol);
        }
    }
  }
  quoted.push_back('"');
  return quoted;
}

std::string TurtleIri(std::string_view iri) {
  std::string written = "<";
  written += SanitizeIri(iri);
  written += '>';
  return written;
}

std::string WriteTurtle(const RdfGraph& graph) {
  const std::string rdf_type = RdfIri(kRdfNamespace, "type");
  std::vector<SubjectBlock> blocks;
  std::unordered_map<std::string, size_t> block_index;
  for (const RdfTriple& triple : graph.triples()) {
    auto [found, inserted] = block_index.try_emplace(triple.subject, blocks.size());
    if (inserted) blocks.push_back({triple.subject, {}});
    SubjectBlock& block = blocks[found->second];
    PredicateObjects* entry = nullptr;
    for (PredicateObjects& candidate : block.predicates) {
      if (candidate.predicate == triple.predicate) entry = &candidate;
    }
    if (entry == nullptr) {
      // rdf:type leads the block; other predicates keep their order of first appearance.
      if (triple.predicate == rdf_type) {
        block.predicates.insert(block.predicates.begin(), {triple.predicate, {}});
        entry = &block.predicates.front();
      } else {
        block.predicates.push_back({triple.predicate, {}});
        entry = &block.predicates.back();
      }
    }
    entry->objects.push_back(&triple.object);
  }

  IriWriter iris;
  std::string body;
  for (const SubjectBlock& block : blocks) {
    body += iris.Write(block.subject);
    for (size_t predicate_idx = 0; predicate_idx < block.predicates.size(); ++predicate_idx) {
      const PredicateObjects& entry = block.predicates[predicate_idx];
      body += predicate_idx == 0 ? "\n    " : " ;\n    ";
      body += entry.predicate == rdf_type ? std::string("a") : iris.Write(entry.predicate);
      for (size_t object_idx = 0; object_idx < entry.objects.size(); ++object_idx) {
        body += object_idx == 0 ? " " : ", ";
        body += WriteObject(*entry.objects[object_idx], &iris);
      }
    }
    body += " .\n\n";
  }

  std::string document;
  for (const RdfPrefix& prefix : RdfPrefixes()) {
    if (!iris.Used(prefix.prefix)) continue;
    document += "@prefix ";
    document += prefix.prefix;
    document += ": <";
    document += prefix.namespace_iri;
    document += "> .\n";
  }
  if (!document.empty()) document += '\n';
  document += body;
  return document;
}

}  // namespace gongshu
