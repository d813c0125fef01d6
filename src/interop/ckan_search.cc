#include "interop/ckan_search.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "catalog/grade.h"
#include "catalog/resource.h"
#include "interop/distribution_text.h"

namespace gongshu {
namespace {

constexpr int kDefaultRows = 10;
constexpr int kMaxRows = 1000;
constexpr int kDefaultFacetLimit = 50;

// One fq term: field and the values any of which it accepts.
struct FilterTerm {
  std::string field;
  std::vector<std::string> values;
};

struct FieldFacet {
  std::string_view field;
  Facet facet;
};

// CKAN's names for the catalog facets; the catalog's own names are accepted as well.
constexpr FieldFacet kCkanFields[] = {
    {"organization", Facet::kProvider}, {"owner_org", Facet::kProvider}, {"groups", Facet::kTheme},
    {"tags", Facet::kKeyword},          {"res_format", Facet::kFormat},
};

// Fields whose value is the same for every package Gongshu serves over CKAN.
struct ConstantField {
  std::string_view field;
  std::string_view value;
};
constexpr ConstantField kConstantFields[] = {
    {"dataset_type", "dataset"},
    {"type", "dataset"},
    {"state", "active"},
    {"capacity", "public"},
};

std::optional<Facet> FacetOfField(std::string_view field) {
  for (const FieldFacet& entry : kCkanFields) {
    if (entry.field == field) return entry.facet;
  }
  return ParseFacet(field);
}

std::string SupportedFields() {
  std::string names;
  for (const FieldFacet& entry : kCkanFields) {
    names += entry.field;
    names += ", ";
  }
  return names + FacetNames();
}

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  for (char& symbol : lower) {
    symbol = static_cast<char>(std::tolower(static_cast<unsigned char>(symbol)));
  }
  return lower;
}

bool IsSpace(char symbol) {
  return symbol == ' ' || symbol == '\t' || symbol == '\n' || symbol == '\r';
}

// Splits `text` on white space outside double quotes and parentheses. InvalidArgument (field
// `param`) for an unterminated quote or unbalanced parentheses.
Result<std::vector<std::string>> SplitTerms(std::string_view text, const std::string& param) {
  std::vector<std::string> tokens;
  std::string current;
  bool in_quotes = false;
  int depth = 0;
  for (size_t index = 0; index < text.size(); ++index) {
    char symbol = text[index];
    if (in_quotes) {
      current.push_back(symbol);
      if (symbol == '\\' && index + 1 < text.size()) {
        current.push_back(text[++index]);
      } else if (symbol == '"') {
        in_quotes = false;
      }
      continue;
    }
    if (IsSpace(symbol) && depth == 0) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    current.push_back(symbol);
    if (symbol == '\\' && index + 1 < text.size()) {
      current.push_back(text[++index]);
    } else if (symbol == '"') {
      in_quotes = true;
    } else if (symbol == '(') {
      ++depth;
    } else if (symbol == ')') {
      if (--depth < 0) return Status::InvalidField(param, "unbalanced ')'");
    }
  }
  if (in_quotes) return Status::InvalidField(param, "unterminated quoted value");
  if (depth != 0) return Status::InvalidField(param, "unbalanced '('");
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// One value: "quoted" (with \" and \\ escapes) or bare (backslash escapes any character).
Result<std::string> ParseValue(std::string_view raw, const std::string& param,
                               std::string_view term) {
  std::string quoted_term = "\"" + std::string(term) + "\"";
  if (raw.empty()) return Status::InvalidField(param, "empty value in " + quoted_term);
  std::string value;
  if (raw.front() == '"') {
    if (raw.size() < 2 || raw.back() != '"') {
      return Status::InvalidField(param, "unterminated quoted value in " + quoted_term);
    }
    std::string_view inner = raw.substr(1, raw.size() - 2);
    for (size_t index = 0; index < inner.size(); ++index) {
      if (inner[index] == '\\' && index + 1 < inner.size()) {
        value.push_back(inner[++index]);
      } else if (inner[index] == '"') {
        return Status::InvalidField(param,
                                    "unescaped '\"' inside a quoted value in " + quoted_term);
      } else {
        value.push_back(inner[index]);
      }
    }
    return value;
  }
  if (raw.front() == '[' || raw.front() == '{') {
    return Status::InvalidField(param, "ranges are not supported: " + quoted_term);
  }
  for (size_t index = 0; index < raw.size(); ++index) {
    char symbol = raw[index];
    if (symbol == '\\' && index + 1 < raw.size()) {
      value.push_back(raw[++index]);
      continue;
    }
    if (symbol == '*' || symbol == '?') {
      return Status::InvalidField(param, "wildcards are not supported: " + quoted_term);
    }
    if (symbol == '"' || symbol == '(' || symbol == ')') {
      return Status::InvalidField(param,
                                  "misplaced '" + std::string(1, symbol) + "' in " + quoted_term);
    }
    value.push_back(symbol);
  }
  return value;
}

// Parses one `[+]field:value` term.
Result<FilterTerm> ParseTerm(std::string_view raw, const std::string& param) {
  std::string quoted_term = "\"" + std::string(raw) + "\"";
  std::string_view term = raw;
  if (!term.empty() && term.front() == '+') term.remove_prefix(1);
  if (!term.empty() && (term.front() == '-' || term.front() == '!')) {
    return Status::InvalidField(param, "negation is not supported: " + quoted_term);
  }
  size_t colon = term.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Status::InvalidField(param, quoted_term + " is not a field:value filter");
  }
  FilterTerm parsed;
  parsed.field = std::string(term.substr(0, colon));
  for (char symbol : parsed.field) {
    bool ok = std::isalnum(static_cast<unsigned char>(symbol)) || symbol == '_' || symbol == '.' ||
              symbol == '*';
    if (!ok) return Status::InvalidField(param, quoted_term + " is not a field:value filter");
  }
  std::string_view value = term.substr(colon + 1);
  if (parsed.field == "*" && value == "*") {
    parsed.values.push_back("*");
    return parsed;
  }
  if (!value.empty() && value.front() == '(') {
    if (value.back() != ')') return Status::InvalidField(param, "unbalanced '(' in " + quoted_term);
    Result<std::vector<std::string>> alternatives =
        SplitTerms(value.substr(1, value.size() - 2), param);
    if (!alternatives.ok()) return alternatives.status();
    bool expect_value = true;
    for (const std::string& alternative : *alternatives) {
      if (!expect_value) {
        if (alternative == "OR" || alternative == "||") {
          expect_value = true;
          continue;
        }
        return Status::InvalidField(param,
                                    "only OR may join the values of a group: " + quoted_term);
      }
      if (alternative == "OR" || alternative == "AND" || alternative == "NOT") {
        return Status::InvalidField(param,
                                    "only OR may join the values of a group: " + quoted_term);
      }
      Result<std::string> parsed_value = ParseValue(alternative, param, raw);
      if (!parsed_value.ok()) return parsed_value.status();
      parsed.values.push_back(std::move(parsed_value).value());
      expect_value = false;
    }
    if (parsed.values.empty() || expect_value) {
      return Status::InvalidField(param, "empty or unfinished group in " + quoted_term);
    }
    return parsed;
  }
  Result<std::string> parsed_value = ParseValue(value, param, raw);
  if (!parsed_value.ok()) return parsed_value.status();
  parsed.values.push_back(std::move(parsed_value).value());
  return parsed;
}

// Checks and normalizes a filter value of `facet`.
Result<std::string> NormalizeValue(Facet facet, const std::string& value, const std::string& param,
                                   const std::string& field) {
  auto invalid = [&](const std::string& accepted) {
    return Status::InvalidField(param, field + ": \"" + value + "\" is not one of " + accepted);
  };
  switch (facet) {
    case Facet::kFormat:
      return Lowercase(value);
    case Facet::kGrade:
      if (!ParseGrade(value).ok()) {
        return invalid("general-1, general-2, general-3, general-4, important, core");
      }
      return value;
    case Facet::kSharing:
    case Facet::kOpening:
      if (!ParseAccessAttribute(value)) return invalid(AccessAttributeNames());
      return value;
    case Facet::kUpdateCycle:
      if (!ParseUpdateCycle(value)) return invalid(UpdateCycleNames());
      return value;
    default:
      return value;
  }
}

// Applies one parsed term to `request`. `seen` holds the facets earlier terms filtered on.
Status ApplyTerm(const FilterTerm& term, const std::string& param, std::set<Facet>* seen,
                 CkanSearchRequest* request) {
  if (term.field == "*") return Status::Ok();  // *:*
  for (const ConstantField& constant : kConstantFields) {
    if (term.field != constant.field) continue;
    bool holds =
        std::find(term.values.begin(), term.values.end(), constant.value) != term.values.end();
    if (!holds) request->match_nothing = true;
    return Status::Ok();
  }
  std::optional<Facet> facet = FacetOfField(term.field);
  if (!facet) {
    return Status::InvalidField(
        param, "unsupported field \"" + term.field + "\"; supported: " + SupportedFields());
  }
  if (!seen->insert(*facet).second) {
    return Status::InvalidField(param, "\"" + term.field +
                                           "\" is filtered twice; a package matches any value "
                                           "of one filter, so write " +
                                           term.field + ":(a OR b)");
  }
  std::vector<std::string>& accepted = request->query.filters[*facet];
  for (const std::string& value : term.values) {
    if (value.empty()) return Status::InvalidField(param, term.field + ": empty value");
    Result<std::string> normalized = NormalizeValue(*facet, value, param, term.field);
    if (!normalized.ok()) return normalized.status();
    if (std::find(accepted.begin(), accepted.end(), *normalized) == accepted.end()) {
      accepted.push_back(*normalized);
    }
  }
  return Status::Ok();
}

bool IsFilterField(std::string_view field) {
  if (FacetOfField(field)) return true;
  for (const ConstantField& constant : kConstantFields) {
    if (constant.field == field) return true;
  }
  return false;
}

// The field name of a q token that looks like `[+]name:...` with `name` of letters, digits
// and '_'; empty otherwise.
std::string_view TokenField(std::string_view token) {
  if (!token.empty() && token.front() == '+') token.remove_prefix(1);
  size_t colon = token.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  std::string_view field = token.substr(0, colon);
  for (char symbol : field) {
    if (!(std::isalnum(static_cast<unsigned char>(symbol)) || symbol == '_')) return {};
  }
  return field;
}

Status ParseQ(std::string_view q, std::set<Facet>* seen, CkanSearchRequest* request) {
  const std::string param = "q";
  Result<std::vector<std::string>> tokens = SplitTerms(q, param);
  if (!tokens.ok()) {
    // Unbalanced quotes in free text are the user's text, not a query error.
    request->query.text = std::string(q);
    return Status::Ok();
  }
  std::string text;
  auto append_text = [&text](std::string_view piece) {
    if (!text.empty()) text += ' ';
    text += piece;
  };
  for (const std::string& token : *tokens) {
    if (token == "*:*") continue;
    std::string_view field = TokenField(token);
    if (field == "text") {
      Result<FilterTerm> term = ParseTerm(token, param);
      if (!term.ok()) return term.status();
      for (const std::string& value : term->values) append_text(value);
    } else if (!field.empty() && IsFilterField(field)) {
      Result<FilterTerm> term = ParseTerm(token, param);
      if (!term.ok()) return term.status();
      GONGSHU_RETURN_IF_ERROR(ApplyTerm(*term, param, seen, request));
    } else {
      append_text(token);
    }
  }
  request->query.text = std::move(text);
  return Status::Ok();
}

// A parameter as text: strings as they are, numbers written out; nullopt for other JSON types.
std::optional<std::string> ParamText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  return std::nullopt;
}

// Parses a natural number parameter; `errors` gets CKAN's messages.
std::optional<int64_t> ParseNatural(const nlohmann::json& value, bool allow_minus_one,
                                    const std::string& param, std::vector<FieldError>* errors) {
  std::optional<std::string> text = ParamText(value);
  int64_t number = 0;
  bool digits = text && !text->empty();
  size_t start = text && !text->empty() && (*text)[0] == '-' ? 1 : 0;
  if (digits && (start == text->size() || text->size() - start > 12)) digits = false;
  if (digits) {
    for (size_t index = start; index < text->size(); ++index) {
      if ((*text)[index] < '0' || (*text)[index] > '9') {
        digits = false;
        break;
      }
      number = number * 10 + ((*text)[index] - '0');
    }
  }
  if (!digits) {
    errors->push_back({param, "Invalid integer"});
    return std::nullopt;
  }
  if (start == 1) number = -number;
  if (number < 0 && !(allow_minus_one && number == -1)) {
    errors->push_back({param, "Must be a natural number"});
    return std::nullopt;
  }
  return number;
}

struct SortEntry {
  std::string_view ckan;
  CatalogSort sort;
};
constexpr SortEntry kSorts[] = {
    {"score desc, metadata_modified desc", CatalogSort::kRelevance},
    {"score desc", CatalogSort::kRelevance},
    {"metadata_modified desc", CatalogSort::kNewest},
    {"metadata_modified asc", CatalogSort::kOldest},
    {"name asc", CatalogSort::kName},
    {"title_string asc", CatalogSort::kName},
};

// "a  desc ,b asc" → "a desc, b asc".
std::string NormalizeSort(std::string_view sort) {
  std::string normalized;
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    if (!normalized.empty() && normalized.back() != ' ') normalized += ' ';
    normalized += Lowercase(word);
    word.clear();
  };
  for (char symbol : sort) {
    if (IsSpace(symbol)) {
      flush();
    } else if (symbol == ',') {
      flush();
      normalized += ", ";
    } else {
      word.push_back(symbol);
    }
  }
  flush();
  while (!normalized.empty() && (normalized.back() == ' ' || normalized.back() == ',')) {
    normalized.pop_back();
  }
  return normalized;
}

std::string SupportedSorts() {
  std::string names;
  for (const SortEntry& entry : kSorts) {
    if (!names.empty()) names += "; ";
    names += entry.ckan;
  }
  return names;
}

void ParseFacetFields(const nlohmann::json& value, CkanSearchRequest* request,
                      std::vector<FieldError>* errors) {
  const std::string param = "facet.field";
  nlohmann::json list = value;
  if (value.is_string()) {
    list = nlohmann::json::parse(value.get<std::string>(), nullptr, /*allow_exceptions=*/false);
  }
  if (!list.is_array()) {
    errors->push_back({param, "must be a JSON list of field names"});
    return;
  }
  for (const nlohmann::json& entry : list) {
    if (!entry.is_string()) {
      errors->push_back({param, "must be a JSON list of field names"});
      return;
    }
    std::string name = entry.get<std::string>();
    std::optional<Facet> facet = name == "owner_org" ? std::nullopt : FacetOfField(name);
    if (!facet) {
      errors->push_back({param, "unsupported facet \"" + name +
                                    "\"; supported: organization, "
                                    "groups, tags, res_format, " +
                                    FacetNames()});
      continue;
    }
    bool duplicate = std::any_of(request->facet_fields.begin(), request->facet_fields.end(),
                                 [&](const auto& field) { return field.first == name; });
    if (duplicate) continue;
    request->facet_fields.emplace_back(name, *facet);
    if (std::find(request->query.facets.begin(), request->query.facets.end(), *facet) ==
        request->query.facets.end()) {
      request->query.facets.push_back(*facet);
    }
  }
}

}  // namespace

std::string_view CkanFacetName(Facet facet) {
  switch (facet) {
    case Facet::kProvider:
      return "organization";
    case Facet::kTheme:
      return "groups";
    case Facet::kKeyword:
      return "tags";
    case Facet::kFormat:
      return "res_format";
    default:
      return FacetName(facet);
  }
}

Status ParseFilterQuery(std::string_view fq, CkanSearchRequest* request) {
  std::set<Facet> seen;
  for (const auto& [facet, values] : request->query.filters) seen.insert(facet);
  const std::string param = "fq";
  Result<std::vector<std::string>> tokens = SplitTerms(fq, param);
  if (!tokens.ok()) return tokens.status();
  for (const std::string& token : *tokens) {
    if (token == "AND" || token == "&&") continue;
    if (token == "OR" || token == "||") {
      return Status::InvalidField(param,
                                  "OR between filters is not supported; "
                                  "write field:(a OR b) for either value of one field");
    }
    if (token == "NOT") return Status::InvalidField(param, "negation is not supported: \"NOT\"");
    Result<FilterTerm> term = ParseTerm(token, param);
    if (!term.ok()) return term.status();
    GONGSHU_RETURN_IF_ERROR(ApplyTerm(*term, param, &seen, request));
  }
  return Status::Ok();
}

Result<CkanSearchRequest> ParsePackageSearch(const nlohmann::json& params) {
  CkanSearchRequest request;
  request.rows = kDefaultRows;
  request.facet_limit = kDefaultFacetLimit;
  request.sort = std::string(kSorts[0].ckan);
  request.query.sort = CatalogSort::kRelevance;
  if (!params.is_object()) return Status::InvalidArgument("parameters must be an object");
  std::vector<FieldError> errors;
  std::set<Facet> seen;

  auto text_param = [&](const char* name) -> std::optional<std::string> {
    if (!params.contains(name) || params[name].is_null()) return std::nullopt;
    std::optional<std::string> text = ParamText(params[name]);
    if (!text) errors.push_back({name, "must be a string"});
    return text;
  };

  if (std::optional<std::string> q = text_param("q")) {
    Status status = ParseQ(*q, &seen, &request);
    if (!status.ok())
      errors.insert(errors.end(), status.field_errors().begin(), status.field_errors().end());
  }
  if (std::optional<std::string> fq = text_param("fq")) {
    Status status = ParseFilterQuery(*fq, &request);
    if (!status.ok())
      errors.insert(errors.end(), status.field_errors().begin(), status.field_errors().end());
  }
  if (params.contains("rows") && !params["rows"].is_null()) {
    if (std::optional<int64_t> rows = ParseNatural(params["rows"], false, "rows", &errors)) {
      request.rows = static_cast<int>(std::min<int64_t>(*rows, kMaxRows));
    }
  }
  if (params.contains("start") && !params["start"].is_null()) {
    if (std::optional<int64_t> start = ParseNatural(params["start"], false, "start", &errors)) {
      request.start = *start;
    }
  }
  if (params.contains("facet.limit") && !params["facet.limit"].is_null()) {
    if (std::optional<int64_t> limit =
            ParseNatural(params["facet.limit"], true, "facet.limit", &errors)) {
      request.facet_limit = static_cast<int>(std::min<int64_t>(*limit, 1000000));
    }
  }
  if (params.contains("facet.field") && !params["facet.field"].is_null()) {
    ParseFacetFields(params["facet.field"], &request, &errors);
  }
  if (std::optional<std::string> sort = text_param("sort")) {
    std::string normalized = NormalizeSort(*sort);
    bool found = false;
    for (const SortEntry& entry : kSorts) {
      if (entry.ckan == normalized) {
        request.query.sort = entry.sort;
        request.sort = normalized;
        found = true;
      }
    }
    if (!found) {
      errors.push_back(
          {"sort", "unsupported sort \"" + *sort + "\"; supported: " + SupportedSorts()});
    }
  }
  if (!errors.empty()) {
    std::string message = "invalid package_search parameters:";
    for (const FieldError& error : errors) message += " " + error.field + ": " + error.reason + ";";
    message.pop_back();
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  request.query.limit = request.rows;
  return request;
}

nlohmann::json CkanSearchResult(
    const CkanSearchRequest& request, int64_t count, nlohmann::json packages,
    const std::map<Facet, std::vector<FacetCount>>& facet_counts,
    const std::function<std::string(Facet, std::string_view value)>& display_name) {
  nlohmann::json facets = nlohmann::json::object();
  nlohmann::json search_facets = nlohmann::json::object();
  for (const auto& [name, facet] : request.facet_fields) {
    nlohmann::json counts = nlohmann::json::object();
    nlohmann::json items = nlohmann::json::array();
    auto found = facet_counts.find(facet);
    if (found != facet_counts.end()) {
      size_t limit =
          request.facet_limit < 0
              ? found->second.size()
              : std::min<size_t>(found->second.size(), static_cast<size_t>(request.facet_limit));
      for (size_t index = 0; index < limit; ++index) {
        const FacetCount& entry = found->second[index];
        std::string value = facet == Facet::kFormat ? UppercaseFormat(entry.value) : entry.value;
        std::string label = display_name ? display_name(facet, entry.value) : std::string();
        if (label.empty()) label = value;
        counts[value] = entry.count;
        items.push_back({{"name", value}, {"display_name", label}, {"count", entry.count}});
      }
    }
    facets[name] = std::move(counts);
    search_facets[name] = {{"title", name}, {"items", std::move(items)}};
  }
  return {
      {"count", count},
      {"sort", request.sort},
      {"results", std::move(packages)},
      {"facets", std::move(facets)},
      {"search_facets", std::move(search_facets)},
  };
}

}  // namespace gongshu
