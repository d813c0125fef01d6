// Routes of the catalog: resources (drafts, changes, versions, history), search, suggestions and
// the theme taxonomy.
#include <charconv>
#include <set>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_input.h"
#include "api/paging.h"
#include "api/responses.h"
#include "catalog/resource_json.h"
#include "common/utf8.h"

namespace gongshu {
namespace {

constexpr int kMaxSearchLimit = 100;

// The values of a filter parameter: repeated (?theme=a&theme=b) and/or comma-separated.
std::vector<std::string> QueryValues(const Request& request, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : request.query) {
    if (key != name) continue;
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      if (comma > start) values.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return values;
}

// Whether `text` may be searched for: valid UTF-8 without control characters.
bool IsSearchText(const std::string& text) {
  if (!IsValidUtf8(text)) return false;
  for (unsigned char symbol : text) {
    if (symbol < 0x20 || symbol == 0x7f) return false;
  }
  return true;
}

// Reads ?limit= (1..max) into `limit`; records an error otherwise.
void ReadLimit(const Request& request, int max, int* limit, std::vector<FieldError>* errors) {
  const std::string* text = request.Query("limit");
  if (text == nullptr) return;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 1 || value > max) {
    errors->push_back({"limit", "must be an integer from 1 to " + std::to_string(max)});
    return;
  }
  *limit = value;
}

// The catalog query a search request asks for. InvalidArgument naming each bad parameter.
Result<CatalogQuery> SearchQueryFrom(const Request& request, const ThemeTaxonomy& themes) {
  CatalogQuery query;
  std::vector<FieldError> errors;
  static const std::set<std::string> kKnown = {
      "q",       "theme",   "provider", "region",       "grade",
      "sharing", "opening", "format",   "update_cycle", "keyword",
      "sort",    "cursor",  "limit",    "facets",       "include_drafts"};
  for (const auto& [key, value] : request.query) {
    if (kKnown.count(key) == 0) errors.push_back({key, "is not a search parameter"});
  }
  if (const std::string* text = request.Query("q")) {
    if (text->size() > 1024) {
      errors.push_back({"q", "is longer than 1024 bytes"});
    } else if (!IsSearchText(*text)) {
      errors.push_back({"q", "must be valid UTF-8 without control characters"});
    } else {
      query.text = *text;
    }
  }
  for (Facet facet : AllFacets()) {
    std::string name(FacetName(facet));
    std::vector<std::string> values = QueryValues(request, name);
    if (values.empty()) continue;
    if (values.size() > 50) {
      errors.push_back({name, "has more than 50 values"});
      continue;
    }
    for (const std::string& value : values) {
      bool valid = true;
      std::string accepted;
      switch (facet) {
        case Facet::kTheme:
          valid = themes.Find(value) != nullptr;
          accepted = "a theme id from /api/v1/themes";
          break;
        case Facet::kGrade:
          valid = ParseGrade(value).ok();
          accepted = "general-1, general-2, general-3, general-4, important or core";
          break;
        case Facet::kSharing:
        case Facet::kOpening:
          valid = ParseAccessAttribute(value).has_value();
          accepted = AccessAttributeNames();
          break;
        case Facet::kUpdateCycle:
          valid = ParseUpdateCycle(value).has_value();
          accepted = UpdateCycleNames();
          break;
        default:
          valid = value.size() <= 200;
          accepted = "a value of at most 200 bytes";
      }
      if (!valid) {
        errors.push_back({name, "has " + value.substr(0, 64) + "; must be " + accepted});
        break;
      }
    }
    query.filters[facet] = values;
  }
  if (const std::string* sort = request.Query("sort")) {
    std::optional<CatalogSort> parsed = ParseCatalogSort(*sort);
    if (!parsed) {
      errors.push_back({"sort", "must be one of " + CatalogSortNames()});
    } else {
      query.sort = *parsed;
    }
  }
  std::vector<std::string> facets = QueryValues(request, "facets");
  if (request.Query("facets") == nullptr) {
    query.facets = {Facet::kTheme,   Facet::kProvider, Facet::kRegion, Facet::kGrade,
                    Facet::kSharing, Facet::kOpening,  Facet::kFormat, Facet::kUpdateCycle};
  } else if (!(facets.size() == 1 && facets[0] == "none")) {
    for (const std::string& name : facets) {
      std::optional<Facet> facet = ParseFacet(name);
      if (!facet) {
        errors.push_back({"facets", "must be none or a list of " + FacetNames()});
        break;
      }
      query.facets.push_back(*facet);
    }
  }
  query.limit = 20;
  ReadLimit(request, kMaxSearchLimit, &query.limit, &errors);
  Request cursor_only;
  if (const std::string* cursor = request.Query("cursor")) {
    cursor_only.query.emplace_back("cursor", *cursor);
    Result<PageRequest> page = PageRequestFrom(cursor_only);
    if (!page.ok()) {
      for (const FieldError& error : page.status().field_errors()) errors.push_back(error);
    } else {
      query.after_key = page->after_key;
    }
  }
  if (const std::string* drafts = request.Query("include_drafts")) {
    if (*drafts == "true") {
      query.registered_only = false;
      query.provider_ids = QueryValues(request, "provider");
    } else if (*drafts != "false") {
      errors.push_back({"include_drafts", "must be true or false"});
    }
  }
  if (!errors.empty()) {
    return Status::InvalidArgument("the search parameters are not valid", errors);
  }
  return query;
}

nlohmann::json FacetCountsView(const CatalogResults& results, const ThemeTaxonomy& themes) {
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [facet, counts] : results.facet_counts) {
    nlohmann::json list = nlohmann::json::array();
    for (const FacetCount& count : counts) {
      nlohmann::json entry = {{"value", count.value}, {"count", count.count}};
      if (facet == Facet::kTheme) {
        if (const Theme* theme = themes.Find(count.value)) entry["label"] = theme->name;
      } else if (facet == Facet::kGrade) {
        Result<Grade> grade = ParseGrade(count.value);
        if (grade.ok()) entry["label"] = GradeLabel(*grade);
      } else if (facet == Facet::kUpdateCycle) {
        std::optional<UpdateCycle> cycle = ParseUpdateCycle(count.value);
        if (cycle) entry["label"] = UpdateCycleLabel(*cycle);
      }
      list.push_back(entry);
    }
    facets[std::string(FacetName(facet))] = list;
  }
  return facets;
}

// Reads ?version=N; nullopt when absent.
nlohmann::json DuplicatesView(const std::vector<Resource>& duplicates) {
  nlohmann::json list = nlohmann::json::array();
  for (const Resource& other : duplicates) {
    list.push_back({{"id", other.id},
                    {"name", other.name},
                    {"provider", {{"id", other.provider_id}, {"name", other.provider_name}}}});
  }
  return list;
}

}  // namespace

nlohmann::json App::ResourceView(const Resource& resource) const {
  nlohmann::json view = ResourceToJson(resource);
  nlohmann::json themes = nlohmann::json::array();
  for (const std::string& id : resource.themes) {
    const Theme* theme = dependencies_.catalog->themes().Find(id);
    themes.push_back({{"id", id}, {"name", theme ? theme->name : id}});
  }
  view["theme_labels"] = themes;
  view["update_cycle_label"] = UpdateCycleLabel(resource.update_cycle);
  AddEvidence(resource.id, &view);
  return view;
}

void App::AddCatalogRoutes() {
  CatalogService& catalog = *dependencies_.catalog;

  router_.Add("GET", "/api/v1/themes", Action::kCatalogRead,
              [&catalog](const Request&, const RouteContext&) {
                nlohmann::json items = nlohmann::json::array();
                for (const Theme& theme : catalog.themes().themes()) {
                  items.push_back({{"id", theme.id},
                                   {"name", theme.name},
                                   {"name_en", theme.name_en},
                                   {"eu_theme", theme.eu_theme}});
                }
                return Json(200, {{"items", items}});
              });

  router_.Add(
      "GET", "/api/v1/resources", Action::kCatalogRead,
      [&catalog](const Request& request, const RouteContext& context) {
        Result<CatalogQuery> query = SearchQueryFrom(request, catalog.themes());
        if (!query.ok()) return Problem(query.status(), request);
        Result<CatalogResults> results = catalog.Search(*context.principal, *query);
        if (!results.ok()) return Problem(results.status(), request);
        nlohmann::json items = nlohmann::json::array();
        for (const CatalogHit& hit : results->hits) {
          nlohmann::json item = ResourceToJson(hit.resource);
          item["highlight"] = {{"name", hit.name_highlight}, {"summary", hit.summary_highlight}};
          item["score"] = hit.score;
          items.push_back(std::move(item));
        }
        nlohmann::json body = ListView(items, results->next_key);
        body["total"] = results->total;
        body["facets"] = FacetCountsView(*results, catalog.themes());
        return Json(200, body);
      });

  router_.Add(
      "GET", "/api/v1/suggest", Action::kCatalogRead,
      [&catalog](const Request& request, const RouteContext&) {
        const std::string* text = request.Query("q");
        if (text == nullptr) return Problem(Status::InvalidField("q", "is required"), request);
        if (text->size() > 256) {
          return Problem(Status::InvalidField("q", "is longer than 256 bytes"), request);
        }
        if (!IsSearchText(*text)) {
          return Problem(
              Status::InvalidField("q", "must be valid UTF-8 without control characters"), request);
        }
        int limit = 10;
        std::vector<FieldError> errors;
        ReadLimit(request, 20, &limit, &errors);
        if (!errors.empty()) {
          return Problem(Status::InvalidArgument("the limit is not valid", errors), request);
        }
        Result<std::vector<std::string>> names = catalog.Suggest(*text, limit);
        if (!names.ok()) return Problem(names.status(), request);
        return Json(200, {{"items", *names}});
      });

  router_.Add("POST", "/api/v1/resources", Action::kResourceWrite,
              [this, &catalog](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = ParseJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                Result<ResourceWriteResult> created = catalog.Create(*context.principal, *body);
                if (!created.ok()) return Problem(created.status(), request);
                nlohmann::json view = ResourceView(created->resource);
                view["possible_duplicates"] = DuplicatesView(created->possible_duplicates);
                return Created(view, "/api/v1/resources/" + created->resource.id);
              });

  router_.Add("GET", "/api/v1/resources/{id}", Action::kCatalogRead,
              [this, &catalog](const Request& request, const RouteContext& context) {
                Result<std::optional<int64_t>> version = VersionParameter(request);
                if (!version.ok()) return Problem(version.status(), request);
                Result<Resource> resource =
                    catalog.Get(*context.principal, context.params.at("id"), *version);
                if (!resource.ok()) return Problem(resource.status(), request);
                return Json(200, ResourceView(*resource));
              });

  router_.Add("PATCH", "/api/v1/resources/{id}", Action::kResourceWrite,
              [this, &catalog](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = ParseJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                Result<ResourceWriteResult> changed =
                    catalog.Change(*context.principal, context.params.at("id"), *body);
                if (!changed.ok()) return Problem(changed.status(), request);
                nlohmann::json view = ResourceView(changed->resource);
                view["possible_duplicates"] = DuplicatesView(changed->possible_duplicates);
                return Json(200, view);
              });

  router_.Add("GET", "/api/v1/resources/{id}/history", Action::kCatalogRead,
              [&catalog](const Request& request, const RouteContext& context) {
                Result<std::vector<ResourceVersionInfo>> history =
                    catalog.History(*context.principal, context.params.at("id"));
                if (!history.ok()) return Problem(history.status(), request);
                nlohmann::json items = nlohmann::json::array();
                for (const ResourceVersionInfo& entry : *history) {
                  items.push_back({{"version", entry.version},
                                   {"changed_by", entry.changed_by},
                                   {"changed_at", FormatIsoTime(entry.changed_at)},
                                   {"reason", entry.reason}});
                }
                return Json(200, {{"items", items}});
              });
}

}  // namespace gongshu
