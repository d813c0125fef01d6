// Routes that speak other catalogs' languages: DCAT-AP 3 documents (Turtle and JSON-LD) of the
// catalog and of each resource, and the CKAN Action API v3 read subset at /api/3/action/.
#include <charconv>

#include <map>

#include <set>

#include <sstream>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_input.h"
#include "api/paging.h"
#include "api/responses.h"
#include "interop/ckan_envelope.h"
#include "interop/ckan_package.h"
#include "interop/ckan_search.h"
#include "interop/dcat.h"
#include "interop/places.h"

namespace gongshu {
namespace {

constexpr int kDefaultDcatPage = 100;
constexpr int kMaxDcatPage = 1000;

// The public URL of the deployment: public_url, or the Host the client used.
std::string BaseUrl(const Config& config, const Request& request) {
  std::string base = config.public_url;
  if (base.empty()) {
    std::string host(request.Header("host"));
    bool safe = !host.empty() && host.size() < 256;
    for (char symbol : host) {
      bool allowed = (symbol >= 'a' && symbol <= 'z') || (symbol >= 'A' && symbol <= 'Z') ||
                     (symbol >= '0' && symbol <= '9') || symbol == '.' || symbol == '-' ||
                     symbol == ':' || symbol == '[' || symbol == ']';
      safe = safe && allowed;
    }
    base = std::string(request.secure ? "https://" : "http://") + (safe ? host : "localhost");
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

Response Text(int status, const std::string& content_type, std::string body) {
  Response response;
  response.status = status;
  response.SetHeader("Content-Type", content_type);
  response.body = std::move(body);
  return response;
}

Response Ckan(int status, const nlohmann::json& body) { return Json(status, body); }

}  // namespace

DcatContext App::MakeDcatContext(const std::string& base_url) const {
  DcatContext context;
  context.base_url = base_url;
  context.themes = &dependencies_.catalog->themes();
  context.find_place = [](std::string_view code) { return PlaceTable::Default().Find(code); };
  Result<Page<Organization>> administrations = dependencies_.identity->ListOrganizations(
      OrganizationFilter{OrganizationType::kDataAdministration, std::nullopt}, PageRequest{"", 1});
  if (administrations.ok() && !administrations->items.empty()) {
    const Organization& administration = administrations->items.front();
    context.publisher_id = administration.id;
    context.publisher_name = administration.name;
    context.publisher_division_code = administration.division_code;
    context.catalog_title = administration.name + "公共数据资源目录";
    context.catalog_issued = FormatIsoTime(administration.created_at).substr(0, 10);
  } else {
    context.catalog_title = "公共数据资源目录";
  }
  context.catalog_description =
      context.catalog_title + "：已登记的公共数据资源，包括分类、分级、共享与开放属性。";
  context.catalog_license = "CC-BY-4.0";
  return context;
}

void App::AddInteropRoutes() {
  CatalogService& catalog = *dependencies_.catalog;

  // The catalog as DCAT-AP 3, paged with ?cursor= and ?limit=.
  for (const bool turtle : {true, false}) {
    std::string path = turtle ? "/catalog.ttl" : "/catalog.jsonld";
    router_.Add(
        "GET", path, Action::kCatalogRead,
        [this, &catalog, turtle, path](const Request& request, const RouteContext& context) {
          Result<PageRequest> page = PageRequestFrom(request);
          if (!page.ok()) return Problem(page.status(), request);
          int limit = request.Query("limit") ? page->limit : kDefaultDcatPage;
          if (request.Query("limit") && limit > kMaxDcatPage) limit = kMaxDcatPage;
          CatalogQuery query;
          query.sort = CatalogSort::kOldest;
          query.limit = limit;
          query.after_key = page->after_key;
          query.facets = {};
          Result<CatalogResults> results = catalog.Search(*context.principal, query);
          if (!results.ok()) return Problem(results.status(), request);
          std::vector<Resource> resources;
          for (CatalogHit& hit : results->hits) resources.push_back(std::move(hit.resource));
          std::string base = BaseUrl(config_, request);
          DcatContext dcat = MakeDcatContext(base);
          std::string first = base + path + "?limit=" + std::to_string(limit);
          dcat.first_page_url = first;
          dcat.page_url =
              request.Query("cursor") ? first + "&cursor=" + *request.Query("cursor") : first;
          if (!results->next_key.empty()) {
            dcat.next_page_url = first + "&cursor=" + EncodeCursor(results->next_key);
          }
          dcat.total_items = results->total;
          if (turtle) {
            return Text(200, "text/turtle; charset=utf-8", CatalogTurtle(resources, dcat));
          }
          return Text(200, "application/ld+json",
                      CatalogJsonLd(resources, dcat)
                          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        });
  }

  for (const bool turtle : {true, false}) {
    router_.Add("GET", turtle ? "/api/v1/resources/{id}.ttl" : "/api/v1/resources/{id}.jsonld",
                Action::kCatalogRead,
                [this, &catalog, turtle](const Request& request, const RouteContext& context) {
                  Result<Resource> resource =
                      catalog.Get(*context.principal, context.params.at("id"));
                  if (!resource.ok()) return Problem(resource.status(), request);
                  DcatContext dcat = MakeDcatContext(BaseUrl(config_, request));
                  if (turtle) {
                    return Text(200, "text/turtle; charset=utf-8", DatasetTurtle(*resource, dcat));
                  }
                  return Text(200, "application/ld+json",
                              DatasetJsonLd(*resource, dcat)
                                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
                });
  }

  // CKAN Action API v3, read subset: GET with query parameters or POST with a JSON body.
  for (const char* method : {"GET", "POST"}) {
    router_.Add(method, "/api/3/action/{action}", Action::kCatalogRead,
                [this](const Request& request, const RouteContext& context) {
                  return CkanAction(request, context);
                });
  }
}

Response App::CkanAction(const Request& request, const RouteContext& context) const {
  CatalogService& catalog = *dependencies_.catalog;
  const std::string& action = context.params.at("action");
  std::string base = BaseUrl(config_, request);
  std::string help = CkanHelpUrl(base, action);
  auto fail = [&help](const Status& status) {
    CkanErrorResponse error = CkanErrorFromStatus(help, status);
    return Ckan(error.http_status, error.body);
  };

  // Parameters: the query string, or a JSON object body.
  nlohmann::json params = nlohmann::json::object();
  if (request.method == "POST" && !request.body.empty()) {
    Result<nlohmann::json> body = ParseJsonObject(request);
    if (!body.ok()) return fail(body.status());
    params = *body;
  }
  for (const auto& [key, value] : request.query) params[key] = value;
  auto text_param = [&params](const std::string& name) -> std::optional<std::string> {
    auto entry = params.find(name);
    if (entry == params.end()) return std::nullopt;
    if (entry->is_string()) return entry->get<std::string>();
    if (entry->is_number_integer()) return std::to_string(entry->get<int64_t>());
    return std::nullopt;
  };
  auto int_param = [&](const std::string& name, int64_t fallback, int64_t max,
                       int64_t* value) -> Status {
    *value = fallback;
    std::optional<std::string> text = text_param(name);
    if (!text) {
      if (params.contains(name)) return Status::InvalidField(name, "Invalid integer");
      return Status::Ok();
    }
    int64_t parsed = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (error != std::errc() || end != text->data() + text->size() || parsed < 0) {
      return Status::InvalidField(name, "Invalid integer");
    }
    *value = std::min(parsed, max);
    return Status::Ok();
  };

  CkanContext ckan;
  ckan.base_url = base;
  ckan.themes = &catalog.themes();
  ckan.find_organization = [this](std::string_view id) -> std::optional<CkanOrganizationInfo> {
    Result<Organization> organization = dependencies_.identity->GetOrganization(std::string(id));
    if (!organization.ok()) return std::nullopt;
    return CkanOrganizationInfo{organization->id, organization->name, "", organization->created_at};
  };
  const Principal& principal = *context.principal;

  // A package by id or by name (the lower-cased resource code).
  auto find_package = [&](const std::string& id) -> Result<Resource> {
    Result<Resource> resource = catalog.Get(principal, id);
    if (resource.ok() || resource.status().code() != StatusCode::kNotFound) return resource;
    std::string code = id;
    for (char& symbol : code)
      symbol = static_cast<char>(std::toupper(static_cast<unsigned char>(symbol)));
    Result<Resource> by_code = catalog.GetByCode(principal, code);
    if (!by_code.ok()) return Status::NotFound("package " + id);
    return by_code;
  };
  // Every registered resource in a stable order, `limit` from `offset`.
  auto walk = [&](int64_t offset, int64_t limit, std::vector<Resource>* out) -> Status {
    CatalogQuery query;
    query.sort = CatalogSort::kOldest;
    query.limit = 1000;
    int64_t seen = 0;
    while (static_cast<int64_t>(out->size()) < limit) {
      Result<CatalogResults> page = catalog.Search(principal, query);
      if (!page.ok()) return page.status();
      for (CatalogHit& hit : page->hits) {
        if (seen++ < offset) continue;
        if (static_cast<int64_t>(out->size()) < limit) out->push_back(std::move(hit.resource));
      }
      if (page->next_key.empty()) break;
      query.after_key = page->next_key;
    }
    return Status::Ok();
  };
  auto package_count = [&](Facet facet, const std::string& value) -> int64_t {
    CatalogQuery query;
    query.filters[facet] = {value};
    query.limit = 1;
    Result<CatalogResults> results = catalog.Search(principal, query);
    return results.ok() ? results->total : 0;
  };

  if (action == "datastore_search") {
    if (dependencies_.datasets == nullptr) return fail(Status::NotFound("no datastore here"));
    if (Status quota = AnonymousDataQuota(request, principal); !quota.ok()) return fail(quota);
    static const std::set<std::string> kAccepted = {
        "resource_id",   "filters",        "q",        "fields", "sort",    "limit", "offset",
        "include_total", "records_format", "distinct", "plain",  "language"};
    for (const auto& [key, value] : params.items()) {
      if (kAccepted.count(key) == 0) return fail(Status::InvalidField(key, "Unknown parameter"));
    }
    std::optional<std::string> id = text_param("resource_id");
    if (!id) return fail(Status::InvalidField("resource_id", "Missing value"));
    // Our CKAN resource ids are "<resource id>.<format>"; the plain resource id works too.
    std::string resource_id = id->substr(0, id->find('.'));
    if (params.contains("q")) {
      return fail(
          Status::InvalidField("q", "full-text search of rows is not supported; use filters"));
    }
    if (params.contains("distinct") && params["distinct"] != false &&
        params["distinct"] != "false") {
      return fail(Status::InvalidField("distinct", "only false is supported"));
    }
    if (params.contains("records_format") && params["records_format"] != "objects") {
      return fail(Status::InvalidField("records_format", "only objects is supported"));
    }
    std::vector<std::pair<std::string, std::string>> row_parameters;
    if (params.contains("filters")) {
      nlohmann::json filters = params["filters"];
      if (filters.is_string())
        filters = nlohmann::json::parse(filters.get<std::string>(), nullptr, false);
      if (!filters.is_object()) {
        return fail(Status::InvalidField("filters", "must be a JSON object {field: value}"));
      }
      auto scalar = [](const nlohmann::json& value) -> std::optional<std::string> {
        if (value.is_string()) return value.get<std::string>();
        if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
        if (value.is_number()) return value.dump();
        return std::nullopt;
      };
      for (const auto& [field, value] : filters.items()) {
        if (value.is_array()) {
          std::string joined;
          for (const nlohmann::json& item : value) {
            std::optional<std::string> text = scalar(item);
            if (!text) return fail(Status::InvalidField("filters." + field, "Invalid value"));
            joined += (joined.empty() ? "" : ",") + *text;
          }
          row_parameters.emplace_back(field + "__in", joined);
        } else if (std::optional<std::string> text = scalar(value)) {
          row_parameters.emplace_back(field, *text);
        } else {
          return fail(Status::InvalidField("filters." + field, "Invalid value"));
        }
      }
    }
    if (params.contains("fields")) {
      std::string fields;
      if (params["fields"].is_array()) {
        for (const nlohmann::json& field : params["fields"]) {
          if (!field.is_string()) return fail(Status::InvalidField("fields", "Invalid value"));
          fields += (fields.empty() ? "" : ",") + field.get<std::string>();
        }
      } else if (std::optional<std::string> text = text_param("fields")) {
        fields = *text;
      }
      // "_id" is always returned.
      std::string kept;
      size_t start = 0;
      while (start <= fields.size()) {
        size_t comma = fields.find(',', start);
        if (comma == std::string::npos) comma = fields.size();
        std::string field = fields.substr(start, comma - start);
        while (!field.empty() && field.front() == ' ') field.erase(0, 1);
        while (!field.empty() && field.back() == ' ') field.pop_back();
        if (!field.empty() && field != "_id") kept += (kept.empty() ? "" : ",") + field;
        start = comma + 1;
      }
      if (!kept.empty()) row_parameters.emplace_back("fields", kept);
    }
    if (std::optional<std::string> sort = text_param("sort")) {
      // "a asc, b desc" -> "a,-b"
      std::string converted;
      size_t start = 0;
      while (start <= sort->size()) {
        size_t comma = sort->find(',', start);
        if (comma == std::string::npos) comma = sort->size();
        std::string part = sort->substr(start, comma - start);
        std::istringstream words(part);
        std::string field;
        std::string direction;
        words >> field >> direction;
        if (!field.empty()) {
          if (direction != "" && direction != "asc" && direction != "desc") {
            return fail(Status::InvalidField("sort", "Invalid direction \"" + direction + "\""));
          }
          converted +=
              std::string(converted.empty() ? "" : ",") + (direction == "desc" ? "-" : "") + field;
        }
        start = comma + 1;
      }
      if (!converted.empty()) row_parameters.emplace_back("sort", converted);
    }
    int64_t limit = 0;
    int64_t offset = 0;
    if (Status status = int_param("limit", 100, kMaxRowLimit, &limit); !status.ok()) {
      return fail(status);
    }
    if (Status status = int_param("offset", 0, int64_t{1} << 40, &offset); !status.ok()) {
      return fail(status);
    }
    if (limit == 0) limit = 1;
    row_parameters.emplace_back("limit", std::to_string(limit));
    RowOptions options;
    options.offset = offset;
    options.count = !(params.contains("include_total") &&
                      (params["include_total"] == false || params["include_total"] == "false"));
    options.row_numbers = true;
    Result<RowPage> page =
        dependencies_.datasets->Rows(principal, resource_id, row_parameters, options);
    if (!page.ok()) return fail(page.status());
    nlohmann::json fields = nlohmann::json::array({{{"id", "_id"}, {"type", "int"}}});
    for (const DatasetColumn& column : page->columns) {
      static const std::map<tabular::ColumnType, const char*> kTypes = {
          {tabular::ColumnType::kString, "text"},
          {tabular::ColumnType::kInteger, "int"},
          {tabular::ColumnType::kDecimal, "numeric"},
          {tabular::ColumnType::kBoolean, "bool"},
          {tabular::ColumnType::kDate, "date"},
          {tabular::ColumnType::kDateTime, "timestamp"}};
      fields.push_back({{"id", column.name},
                        {"type", kTypes.at(column.type)},
                        {"info", {{"label", column.title}}}});
    }
    std::string start_link = "/api/3/action/datastore_search?resource_id=" + *id;
    nlohmann::json result = {
        {"resource_id", *id},
        {"fields", fields},
        {"records", nlohmann::json::parse(page->rows_json)},
        {"limit", limit},
        {"offset", offset},
        {"_links",
         {{"start", start_link},
          {"next", start_link + "&offset=" + std::to_string(offset + limit)}}}};
    if (page->matches) {
      result["total"] = *page->matches;
      result["total_was_estimated"] = false;
    }
    return Ckan(200, CkanSuccess(help, result));
  }
  if (action == "status_show") {
    return Ckan(200, CkanSuccess(help, {{"site_title", MakeDcatContext(base).catalog_title},
                                        {"site_description", "公共数据资源平台"},
                                        {"site_url", base},
                                        {"ckan_version", "2.10.4"},
                                        {"error_emails_to", nullptr},
                                        {"locale_default", "zh_Hans_CN"},
                                        {"extensions", {"dcat", "datastore"}}}));
  }
  if (action == "package_show") {
    std::optional<std::string> id = text_param("id");
    if (!id) return fail(Status::InvalidField("id", "Missing value"));
    Result<Resource> resource = find_package(*id);
    if (!resource.ok()) return fail(resource.status());
    return Ckan(200, CkanSuccess(help, CkanPackage(*resource, ckan)));
  }
  if (action == "resource_show") {
    std::optional<std::string> id = text_param("id");
    if (!id) return fail(Status::InvalidField("id", "Missing value"));
    Result<CkanResourceRef> reference = ParseCkanResourceId(*id);
    if (!reference.ok()) return fail(Status::NotFound("resource " + *id));
    Result<Resource> resource = catalog.Get(principal, reference->resource_id);
    if (!resource.ok()) return fail(Status::NotFound("resource " + *id));
    for (size_t position = 0; position < resource->formats.size(); ++position) {
      if (resource->formats[position] == reference->format) {
        return Ckan(200, CkanSuccess(help, CkanResource(*resource, position, ckan)));
      }
    }
    return fail(Status::NotFound("resource " + *id));
  }
  if (action == "package_list") {
    int64_t limit = 0;
    int64_t offset = 0;
    Status limit_ok = int_param("limit", 10000, 10000, &limit);
    if (!limit_ok.ok()) return fail(limit_ok);
    Status offset_ok = int_param("offset", 0, INT64_MAX, &offset);
    if (!offset_ok.ok()) return fail(offset_ok);
    std::vector<Resource> resources;
    Status walked = walk(offset, limit, &resources);
    if (!walked.ok()) return fail(walked);
    nlohmann::json names = nlohmann::json::array();
    for (const Resource& resource : resources) names.push_back(CkanPackageName(resource));
    return Ckan(200, CkanSuccess(help, names));
  }
  if (action == "package_search") {
    Result<CkanSearchRequest> search = ParsePackageSearch(params);
    if (!search.ok()) return fail(search.status());
    nlohmann::json packages = nlohmann::json::array();
    int64_t count = 0;
    std::map<Facet, std::vector<FacetCount>> facet_counts;
    if (!search->match_nothing) {
      CatalogQuery query = search->query;
      query.limit = 1000;
      int64_t skipped = 0;
      bool first = true;
      while (true) {
        Result<CatalogResults> page = catalog.Search(principal, query);
        if (!page.ok()) return fail(page.status());
        if (first) {
          count = page->total;
          facet_counts = page->facet_counts;
          query.facets.clear();
          first = false;
        }
        for (const CatalogHit& hit : page->hits) {
          if (skipped < search->start) {
            ++skipped;
            continue;
          }
          if (static_cast<int>(packages.size()) < search->rows) {
            packages.push_back(CkanPackage(hit.resource, ckan));
          }
        }
        if (static_cast<int>(packages.size()) >= search->rows || page->next_key.empty()) break;
        query.after_key = page->next_key;
      }
    }
    auto display = [this, &catalog](Facet facet, std::string_view value) -> std::string {
      if (facet == Facet::kTheme) {
        const Theme* theme = catalog.themes().Find(value);
        return theme ? theme->name : std::string(value);
      }
      if (facet == Facet::kProvider) {
        Result<Organization> organization =
            dependencies_.identity->GetOrganization(std::string(value));
        return organization.ok() ? organization->name : std::string(value);
      }
      return std::string(value);
    };
    return Ckan(
        200, CkanSuccess(help, CkanSearchResult(*search, count, packages, facet_counts, display)));
  }
  if (action == "organization_list" || action == "organization_show") {
    bool all_fields = text_param("all_fields").value_or("false") == "true" ||
                      (params.contains("all_fields") && params["all_fields"].is_boolean() &&
                       params["all_fields"].get<bool>());
    auto dict = [&](const Organization& organization) {
      nlohmann::json view =
          CkanOrganization({organization.id, organization.name, "", organization.created_at});
      view["package_count"] = package_count(Facet::kProvider, organization.id);
      return view;
    };
    if (action == "organization_show") {
      std::optional<std::string> id = text_param("id");
      if (!id) return fail(Status::InvalidField("id", "Missing value"));
      Result<Organization> organization = dependencies_.identity->GetOrganization(*id);
      if (!organization.ok()) return fail(Status::NotFound("organization " + *id));
      return Ckan(200, CkanSuccess(help, dict(*organization)));
    }
    nlohmann::json list = nlohmann::json::array();
    std::string after;
    while (true) {
      Result<Page<Organization>> page =
          dependencies_.identity->ListOrganizations(OrganizationFilter(), PageRequest{after, 200});
      if (!page.ok()) return fail(page.status());
      for (const Organization& organization : page->items) {
        list.push_back(all_fields ? dict(organization) : nlohmann::json(organization.id));
      }
      if (page->next_key.empty()) break;
      after = page->next_key;
    }
    return Ckan(200, CkanSuccess(help, list));
  }
  if (action == "group_list") {
    bool all_fields = text_param("all_fields").value_or("false") == "true" ||
                      (params.contains("all_fields") && params["all_fields"].is_boolean() &&
                       params["all_fields"].get<bool>());
    nlohmann::json list = nlohmann::json::array();
    for (const Theme& theme : catalog.themes().themes()) {
      if (!all_fields) {
        list.push_back(theme.id);
        continue;
      }
      nlohmann::json group = CkanGroup(theme);
      group["package_count"] = package_count(Facet::kTheme, theme.id);
      list.push_back(group);
    }
    return Ckan(200, CkanSuccess(help, list));
  }
  if (action == "tag_list") {
    CatalogQuery query;
    query.limit = 1;
    query.facets = {Facet::kKeyword};
    Result<CatalogResults> results = catalog.Search(principal, query);
    if (!results.ok()) return fail(results.status());
    std::vector<std::string> tags;
    for (const FacetCount& count : results->facet_counts[Facet::kKeyword]) {
      tags.push_back(count.value);
    }
    std::sort(tags.begin(), tags.end());
    if (std::optional<std::string> filter = text_param("query")) {
      std::vector<std::string> kept;
      for (const std::string& tag : tags) {
        if (tag.find(*filter) != std::string::npos) kept.push_back(tag);
      }
      tags = kept;
    }
    return Ckan(200, CkanSuccess(help, tags));
  }
  return Ckan(400,
              CkanError(help, "Bad request", "Action name not known: " + action.substr(0, 100)));
}

}  // namespace gongshu
