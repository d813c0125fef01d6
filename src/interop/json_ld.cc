#include "interop/json_ld.h"

#include <set>
#include <string>
#include <unordered_map>

#include "interop/iri.h"

namespace gongshu {
namespace {

// Compacts IRIs with the known prefixes and remembers which prefixes it used.
class IriCompactor {
 public:
  std::string Compact(std::string_view iri) {
    for (const RdfPrefix& prefix : RdfPrefixes()) {
      if (iri.size() <= prefix.namespace_iri.size() || !iri.starts_with(prefix.namespace_iri)) {
        continue;
      }
      std::string_view local = iri.substr(prefix.namespace_iri.size());
      // "prefix://..." would be read as an absolute IRI, not a compact one.
      if (local.starts_with("//")) continue;
      used_.insert(prefix.prefix);
      std::string compact(prefix.prefix);
      compact += ':';
      compact += local;
      return compact;
    }
    return SanitizeIri(iri);
  }

  nlohmann::json Context() const {
    nlohmann::json context = nlohmann::json::object();
    for (const RdfPrefix& prefix : RdfPrefixes()) {
      if (used_.count(prefix.prefix) > 0) {
        context[std::string(prefix.prefix)] = std::string(prefix.namespace_iri);
      }
    }
    return context;
  }

 private:
  std::set<std::string_view> used_;
};

nlohmann::json ValueObject(const RdfTerm& term, IriCompactor* compactor) {
  if (term.kind == RdfTerm::Kind::kIri) return {{"@id", SanitizeIri(term.value)}};
  nlohmann::json value = {{"@value", term.value}};
  if (!term.language.empty()) {
    value["@language"] = term.language;
  } else if (!term.datatype.empty()) {
    value["@type"] = compactor->Compact(term.datatype);
  }
  return value;
}

}  // namespace

nlohmann::json WriteJsonLd(const RdfGraph& graph) {
  const std::string rdf_type = RdfIri(kRdfNamespace, "type");
  IriCompactor compactor;
  nlohmann::json nodes = nlohmann::json::array();
  std::unordered_map<std::string, size_t> node_index;
  for (const RdfTriple& triple : graph.triples()) {
    auto [found, inserted] = node_index.try_emplace(triple.subject, nodes.size());
    if (inserted) nodes.push_back({{"@id", SanitizeIri(triple.subject)}});
    nlohmann::json& node = nodes[found->second];
    if (triple.predicate == rdf_type && triple.object.kind == RdfTerm::Kind::kIri) {
      node["@type"].push_back(compactor.Compact(triple.object.value));
    } else {
      node[compactor.Compact(triple.predicate)].push_back(ValueObject(triple.object, &compactor));
    }
  }
  return {{"@context", compactor.Context()}, {"@graph", std::move(nodes)}};
}

}  // namespace gongshu
