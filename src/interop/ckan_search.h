// CKAN package_search on the catalog: the request parameters CKAN clients send, parsed onto a
// CatalogQuery, and the result dict they expect back. docs/ckan-api.md lists the supported subset.
//
// Parameters (CKAN 2.10 names):
//   q            free text; "*:*" or empty means everything. Tokens `field:value` with a field
//                fq accepts are filters; "text:value" is text.
//   fq           Solr filters, a subset: terms separated by spaces (an "AND" between terms is
//                allowed), each `[+]field:value` where value is bare, "quoted" (\" and \\ escape)
//                or a group (a OR b OR "c d"). Fields: organization and owner_org (provider id,
//                which is the organization's CKAN name), groups (theme id), tags (keyword),
//                res_format (format, any case), and every catalog facet name (theme, provider,
//                region, grade, sharing, opening, format, update_cycle, keyword). `*:*` is
//                ignored; dataset_type:dataset, type:dataset, state:active and capacity:public
//                hold for every package (any other value of these matches nothing). A field may
//                appear once. Anything else — negation, OR between terms, ranges, wildcards,
//                other fields — is InvalidArgument naming it.
//   facet.field  a JSON list of field names (the fq fields above, but not owner_org)
//   facet.limit  facet values per field, default 50; -1 for all
//   rows         page size, default 10; above 1000 is cut to 1000
//   start        offset, default 0. The catalog pages by key, so the caller walks to it.
//   sort         "score desc, metadata_modified desc" (default) or "score desc" → relevance;
//                "metadata_modified desc" → newest; "metadata_modified asc" → oldest;
//                "name asc" or "title_string asc" → by name
// Other parameters (fl, include_private, include_drafts, facet.mincount, ...) are ignored.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog_query.h"
#include "common/status.h"

namespace gongshu {

struct CkanSearchRequest {
  CatalogQuery query;  // text, filters, facets and sort; query.limit = rows
  int64_t start = 0;   // results to skip before the first one returned
  int rows = 10;
  // The facets asked for, under the names the client used ("tags", "res_format", ...), in order.
  std::vector<std::pair<std::string, Facet>> facet_fields;
  int facet_limit = 50;  // -1: no limit
  // True when a filter can hold for no package (e.g. dataset_type:harvest): answer count 0.
  bool match_nothing = false;
  std::string sort;  // the CKAN sort, normalized ("score desc, metadata_modified desc")
};

// Parses package_search's parameters. `params` is a JSON object: from a query string every value
// is a string; from a POST body rows/start/facet.limit may be numbers and facet.field a list.
// InvalidArgument with one FieldError per bad parameter (field = the parameter name) otherwise.
Result<CkanSearchRequest> ParsePackageSearch(const nlohmann::json& params);

// Parses an fq string (grammar above) into `request`'s filters. InvalidArgument naming the term
// that is not supported, with field "fq".
Status ParseFilterQuery(std::string_view fq, CkanSearchRequest* request);

// The CKAN field name a catalog facet is shown under by default ("provider" → "organization",
// "theme" → "groups", "keyword" → "tags", "format" → "res_format"; others keep their name).
std::string_view CkanFacetName(Facet facet);

// package_search's result: {"count", "results", "sort", "facets", "search_facets"}.
// `facet_counts` are the catalog's counts; each facet of request.facet_fields appears under the
// client's name, cut to facet_limit, format values upper-cased. `display_name` gives a value's
// label (an organization's or theme's name); when empty the value itself is shown.
nlohmann::json CkanSearchResult(
    const CkanSearchRequest& request, int64_t count, nlohmann::json packages,
    const std::map<Facet, std::vector<FacetCount>>& facet_counts,
    const std::function<std::string(Facet, std::string_view value)>& display_name = {});

}  // namespace gongshu
