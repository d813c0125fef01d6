#include "store/sqlite_catalog_store.h"

#include <charconv>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "catalog/resource_json.h"
#include "common/html.h"
#include "common/json_text.h"
#include "search/query.h"
#include "store/stored_event.h"

namespace gongshu {
namespace {

Result<Resource> ReadDocument(const std::string& text) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return Status::Internal("a stored resource is not JSON");
  Result<Resource> resource = ResourceFromJson(document);
  if (!resource.ok()) return Status::Internal(resource.status().message());
  return resource;
}

// The (facet, value) pairs of a resource.
std::vector<std::pair<Facet, std::string>> FacetValues(const Resource& resource) {
  std::vector<std::pair<Facet, std::string>> values;
  for (const std::string& theme : resource.themes) values.emplace_back(Facet::kTheme, theme);
  values.emplace_back(Facet::kProvider, resource.provider_id);
  values.emplace_back(Facet::kRegion, resource.region);
  values.emplace_back(Facet::kGrade, GradeName(resource.grading.grade));
  values.emplace_back(Facet::kSharing, std::string(AccessAttributeName(resource.sharing)));
  values.emplace_back(Facet::kOpening, std::string(AccessAttributeName(resource.opening)));
  for (const std::string& format : resource.formats) values.emplace_back(Facet::kFormat, format);
  values.emplace_back(Facet::kUpdateCycle, std::string(UpdateCycleName(resource.update_cycle)));
  for (const std::string& keyword : resource.keywords) {
    values.emplace_back(Facet::kKeyword, keyword);
  }
  return values;
}

std::string ItemsText(const Resource& resource) {
  std::string text;
  for (const Item& item : resource.items) {
    text += item.title + " " + item.name + " " + item.description + "\n";
  }
  return text;
}

std::string KeywordsText(const Resource& resource) {
  std::string text;
  for (const std::string& keyword : resource.keywords) text += keyword + "\n";
  return text;
}

// HTML-escapes `marked` and turns the \x01 … \x02 match markers into <mark> … </mark>.
std::string MarkedToHtml(const std::string& marked) {
  std::string html;
  size_t start = 0;
  while (start < marked.size()) {
    size_t marker = marked.find_first_of("\x01\x02", start);
    if (marker == std::string::npos) marker = marked.size();
    html += EscapeHtml(std::string_view(marked).substr(start, marker - start));
    if (marker < marked.size()) html += marked[marker] == '\x01' ? "<mark>" : "</mark>";
    start = marker + 1;
  }
  return html;
}

// The first `max_bytes` of `text`, cut at a UTF-8 character boundary, with "…" when cut.
std::string Excerpt(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

// Page keys: "<kind>:<seq>:<value>", where kind names the order.
struct PageKey {
  char kind = 0;
  int64_t seq = 0;
  std::string value;
};

std::string EncodePageKey(char kind, int64_t seq, const std::string& value) {
  return std::string(1, kind) + ":" + std::to_string(seq) + ":" + value;
}

Result<PageKey> DecodePageKey(const std::string& text, char expected_kind) {
  Status bad = Status::InvalidField("cursor", "is not a cursor of this search and order");
  if (text.size() < 4 || text[0] != expected_kind || text[1] != ':') return bad;
  size_t colon = text.find(':', 2);
  if (colon == std::string::npos) return bad;
  PageKey key;
  key.kind = text[0];
  auto [end, error] = std::from_chars(text.data() + 2, text.data() + colon, key.seq);
  if (error != std::errc() || end != text.data() + colon) return bad;
  key.value = text.substr(colon + 1);
  return key;
}

std::string ScoreKey(double score) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), score, std::chars_format::hex);
  return std::string(buffer, end);
}

std::optional<double> ParseScoreKey(const std::string& text) {
  double score = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), score, std::chars_format::hex);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return score;
}

std::string JsonList(const std::vector<std::string>& values) {
  return JsonText(nlohmann::json(values));
}

constexpr char kBm25[] = "bm25(resource_search, 10.0, 5.0, 2.0, 1.0)";

// The FROM and WHERE clauses of a search, with their bindings in order.
struct SearchSql {
  std::string from_where;
  std::vector<std::string> bindings;
  bool text = false;
};

SearchSql BuildSearchSql(const CatalogQuery& query, const std::string& expression) {
  SearchSql sql;
  if (!expression.empty()) {
    sql.text = true;
    sql.from_where =
        " FROM resource_search JOIN resources r ON r.seq = resource_search.rowid"
        " WHERE resource_search MATCH ?";
    sql.bindings.push_back(expression);
  } else {
    sql.from_where = " FROM resources r WHERE 1";
  }
  if (query.registered_only) sql.from_where += " AND r.status = 'registered'";
  if (!query.provider_ids.empty()) {
    sql.from_where += " AND r.provider_id IN (SELECT value FROM json_each(?))";
    sql.bindings.push_back(JsonList(query.provider_ids));
  }
  for (const auto& [facet, values] : query.filters) {
    if (values.empty()) continue;
    sql.from_where +=
        " AND r.seq IN (SELECT resource_seq FROM resource_facets WHERE facet = ? AND value IN "
        "(SELECT value FROM json_each(?)))";
    sql.bindings.emplace_back(FacetName(facet));
    sql.bindings.push_back(JsonList(values));
  }
  return sql;
}

// Records `document` as version `resource.version` of the resource stored at `seq`.
Status InsertVersionRow(SqliteConnection& connection, int64_t seq, const Resource& resource,
                        const ResourceVersionInfo& info, const std::string& document) {
  Result<Statement> version = connection.Prepare(
      "INSERT INTO resource_versions (resource_seq, version, changed_by, changed_at, reason, "
      "document) VALUES (?, ?, ?, ?, ?, ?)");
  if (!version.ok()) return version.status();
  return version->Bind(1, seq)
      .Bind(2, resource.version)
      .Bind(3, info.changed_by)
      .Bind(4, FormatIsoTime(info.changed_at))
      .Bind(5, info.reason)
      .Bind(6, document)
      .Run();
}

}  // namespace

Status IndexResource(SqliteConnection& connection, int64_t seq, const Resource& resource) {
  Result<Statement> clear_facets =
      connection.Prepare("DELETE FROM resource_facets WHERE resource_seq = ?");
  if (!clear_facets.ok()) return clear_facets.status();
  GONGSHU_RETURN_IF_ERROR(clear_facets->Bind(1, seq).Run());
  Result<Statement> clear_text = connection.Prepare("DELETE FROM resource_search WHERE rowid = ?");
  if (!clear_text.ok()) return clear_text.status();
  GONGSHU_RETURN_IF_ERROR(clear_text->Bind(1, seq).Run());
  for (const auto& [facet, value] : FacetValues(resource)) {
    Result<Statement> insert = connection.Prepare(
        "INSERT OR IGNORE INTO resource_facets (facet, value, resource_seq) VALUES (?, ?, ?)");
    if (!insert.ok()) return insert.status();
    GONGSHU_RETURN_IF_ERROR(
        insert->Bind(1, std::string(FacetName(facet))).Bind(2, value).Bind(3, seq).Run());
  }
  Result<Statement> text = connection.Prepare(
      "INSERT INTO resource_search (rowid, name, keywords, summary, items) VALUES (?, ?, ?, ?, ?)");
  if (!text.ok()) return text.status();
  return text->Bind(1, seq)
      .Bind(2, resource.name)
      .Bind(3, KeywordsText(resource))
      .Bind(4, resource.summary)
      .Bind(5, ItemsText(resource))
      .Run();
}

Result<Resource> SqliteCatalogStore::InsertResource(Resource resource,
                                                    const ResourceVersionInfo& info,
                                                    const Event& event) {
  Status status = pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      Result<Statement> serial = connection.Prepare(
          "INSERT INTO provider_serials (provider_id, last_serial) VALUES (?, 1) "
          "ON CONFLICT (provider_id) DO UPDATE SET last_serial = last_serial + 1 "
          "RETURNING last_serial");
      if (!serial.ok()) return serial.status();
      serial->Bind(1, resource.provider_id);
      Result<bool> serial_row = serial->Step();
      if (!serial_row.ok()) return serial_row.status();
      char digits[16];
      std::snprintf(digits, sizeof(digits), "%05lld", static_cast<long long>(serial->Int64(0)));
      GONGSHU_RETURN_IF_ERROR(serial->Run());
      resource.code = resource.provider_code + "-" + digits;
      std::string document = JsonText(ResourceToJson(resource));
      Result<Statement> insert = connection.Prepare(
          "INSERT INTO resources (id, version, code, provider_id, name, status, updated_at, "
          "document) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq");
      if (!insert.ok()) return insert.status();
      insert->Bind(1, resource.id)
          .Bind(2, resource.version)
          .Bind(3, resource.code)
          .Bind(4, resource.provider_id)
          .Bind(5, resource.name)
          .Bind(6, std::string(ResourceStatusName(resource.status)))
          .Bind(7, FormatIsoTime(resource.updated_at))
          .Bind(8, document);
      Result<bool> inserted = insert->Step();
      if (!inserted.ok()) return inserted.status();
      int64_t seq = insert->Int64(0);
      GONGSHU_RETURN_IF_ERROR(insert->Run());
      GONGSHU_RETURN_IF_ERROR(InsertVersionRow(connection, seq, resource, info, document));
      GONGSHU_RETURN_IF_ERROR(IndexResource(connection, seq, resource));
      return WriteEvent(connection, event);
    });
  });
  if (!status.ok()) return status;
  return resource;
}

Result<Resource> SqliteCatalogStore::GetResource(const std::string& id,
                                                 std::optional<int64_t> version) {
  return pool_.With([&](SqliteConnection& connection) -> Result<Resource> {
    Result<Statement> statement =
        version ? connection.Prepare(
                      "SELECT v.document FROM resource_versions v JOIN resources r ON r.seq = "
                      "v.resource_seq WHERE r.id = ? AND v.version = ?")
                : connection.Prepare("SELECT document FROM resources WHERE id = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, id);
    if (version) statement->Bind(2, *version);
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return Status::NotFound(version
                                  ? "resource " + id + " has no version " + std::to_string(*version)
                                  : "no resource " + id);
    }
    std::string document = statement->Text(0);
    GONGSHU_RETURN_IF_ERROR(statement->Run());
    return ReadDocument(document);
  });
}

Status WriteResourceVersion(SqliteConnection& connection, const Resource& resource,
                            const ResourceVersionInfo& info) {
  std::string document = JsonText(ResourceToJson(resource));
  Result<Statement> update = connection.Prepare(
      "UPDATE resources SET version = ?, name = ?, status = ?, updated_at = ?, document = ? "
      "WHERE id = ? AND version = ? RETURNING seq");
  if (!update.ok()) return update.status();
  update->Bind(1, resource.version)
      .Bind(2, resource.name)
      .Bind(3, std::string(ResourceStatusName(resource.status)))
      .Bind(4, FormatIsoTime(resource.updated_at))
      .Bind(5, document)
      .Bind(6, resource.id)
      .Bind(7, resource.version - 1);
  Result<bool> updated = update->Step();
  if (!updated.ok()) return updated.status();
  if (!*updated) {
    return Status::Conflict("resource " + resource.id + " changed since version " +
                            std::to_string(resource.version - 1) +
                            " was read; read it again and retry");
  }
  int64_t seq = update->Int64(0);
  GONGSHU_RETURN_IF_ERROR(update->Run());
  GONGSHU_RETURN_IF_ERROR(InsertVersionRow(connection, seq, resource, info, document));
  return IndexResource(connection, seq, resource);
}

Status SqliteCatalogStore::UpdateResource(const Resource& resource, const ResourceVersionInfo& info,
                                          const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      GONGSHU_RETURN_IF_ERROR(WriteResourceVersion(connection, resource, info));
      return WriteEvent(connection, event);
    });
  });
}

Result<Resource> SqliteCatalogStore::GetResourceByCode(const std::string& code) {
  return pool_.With([&](SqliteConnection& connection) -> Result<Resource> {
    Result<Statement> statement =
        connection.Prepare("SELECT document FROM resources WHERE code = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, code);
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no resource with code " + code);
    std::string document = statement->Text(0);
    GONGSHU_RETURN_IF_ERROR(statement->Run());
    return ReadDocument(document);
  });
}

Result<std::vector<ResourceVersionInfo>> SqliteCatalogStore::ListResourceVersions(
    const std::string& id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<ResourceVersionInfo>> {
    Result<Statement> statement = connection.Prepare(
        "SELECT v.version, v.changed_by, v.changed_at, v.reason FROM resource_versions v JOIN "
        "resources r ON r.seq = v.resource_seq WHERE r.id = ? ORDER BY v.version");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, id);
    std::vector<ResourceVersionInfo> versions;
    while (true) {
      Result<bool> row = statement->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      versions.push_back({statement->Int64(0), statement->Text(1),
                          ParseStoredTime(statement->Text(2)), statement->Text(3)});
    }
    if (versions.empty()) return Status::NotFound("no resource " + id);
    return versions;
  });
}

Result<std::vector<Resource>> SqliteCatalogStore::FindByName(
    const std::string& name, const std::string& except_provider_id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<Resource>> {
    Result<Statement> statement = connection.Prepare(
        "SELECT document FROM resources WHERE name = ? AND provider_id <> ? AND status <> "
        "'cancelled' LIMIT 20");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, name).Bind(2, except_provider_id);
    std::vector<Resource> found;
    while (true) {
      Result<bool> row = statement->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Result<Resource> resource = ReadDocument(statement->Text(0));
      if (!resource.ok()) return resource.status();
      found.push_back(std::move(*resource));
    }
    return found;
  });
}

Result<CatalogResults> SqliteCatalogStore::Search(const CatalogQuery& query) {
  std::string expression = BuildMatchExpression(query.text);
  SearchSql sql = BuildSearchSql(query, expression);
  CatalogSort sort = query.sort;
  if (sort == CatalogSort::kRelevance && !sql.text) sort = CatalogSort::kNewest;
  char kind = 0;
  std::string order;
  std::string after;
  switch (sort) {
    case CatalogSort::kRelevance:
      kind = 'r';
      order = std::string(" ORDER BY ") + kBm25 + ", r.seq";
      after = std::string(" AND (") + kBm25 + " > ? OR (" + kBm25 + " = ? AND r.seq > ?))";
      break;
    case CatalogSort::kNewest:
      kind = 'n';
      order = " ORDER BY r.updated_at DESC, r.seq DESC";
      after = " AND (r.updated_at < ? OR (r.updated_at = ? AND r.seq < ?))";
      break;
    case CatalogSort::kOldest:
      kind = 'o';
      order = " ORDER BY r.updated_at, r.seq";
      after = " AND (r.updated_at > ? OR (r.updated_at = ? AND r.seq > ?))";
      break;
    case CatalogSort::kName:
      kind = 'a';
      order = " ORDER BY r.name, r.seq";
      after = " AND (r.name > ? OR (r.name = ? AND r.seq > ?))";
      break;
  }
  std::optional<PageKey> key;
  if (!query.after_key.empty()) {
    Result<PageKey> decoded = DecodePageKey(query.after_key, kind);
    if (!decoded.ok()) return decoded.status();
    key = *decoded;
  }
  int limit = std::clamp(query.limit, 1, 1000);

  return pool_.With([&](SqliteConnection& connection) -> Result<CatalogResults> {
    CatalogResults results;
    auto bind_all = [&sql](Statement& statement) {
      int index = 1;
      for (const std::string& binding : sql.bindings) statement.Bind(index++, binding);
      return index;
    };

    // The page: only the sort keys of the matches are sorted; documents and highlights are read
    // afterwards for the rows of the page alone, since SQLite would compute them for every match
    // it sorts.
    std::string columns = std::string("SELECT r.seq, r.updated_at, r.name, ") +
                          (sql.text ? std::string(kBm25) : std::string("0.0"));
    // A first page of a text search reads every sorted match, which it has ranked anyway, and
    // counts them: cheaper than matching the whole set again for the total.
    bool count_while_paging = sql.text && !key;
    std::string page_sql = columns + sql.from_where + (key ? after : std::string()) + order +
                           (count_while_paging ? std::string() : std::string(" LIMIT ?"));
    Result<Statement> page = connection.Prepare(page_sql);
    if (!page.ok()) return page.status();
    int index = bind_all(*page);
    if (key) {
      if (kind == 'r') {
        std::optional<double> score = ParseScoreKey(key->value);
        if (!score) return Status::InvalidField("cursor", "is not a cursor of this search");
        page->Bind(index, *score).Bind(index + 1, *score);
      } else {
        page->Bind(index, key->value).Bind(index + 1, key->value);
      }
      page->Bind(index + 2, key->seq);
      index += 3;
    }
    if (!count_while_paging) page->Bind(index, static_cast<int64_t>(limit + 1));
    int64_t matches = 0;
    struct PageRow {
      int64_t seq;
      double bm25;
    };
    std::vector<PageRow> rows;
    int64_t last_seq = 0;
    std::string last_value;
    while (true) {
      Result<bool> row = page->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ++matches;
      if (static_cast<int>(rows.size()) == limit) {
        if (results.next_key.empty()) results.next_key = EncodePageKey(kind, last_seq, last_value);
        if (count_while_paging) continue;
        page->Run();
        break;
      }
      double bm25 = page->Double(3);
      last_seq = page->Int64(0);
      last_value = kind == 'r' ? ScoreKey(bm25) : kind == 'a' ? page->Text(2) : page->Text(1);
      rows.push_back({last_seq, bm25});
    }

    for (const PageRow& row : rows) {
      Result<Statement> document =
          connection.Prepare("SELECT document FROM resources WHERE seq = ?");
      if (!document.ok()) return document.status();
      document->Bind(1, row.seq);
      Result<bool> found = document->Step();
      if (!found.ok()) return found.status();
      if (!*found) return Status::Internal("a search row has no resource");
      Result<Resource> resource = ReadDocument(document->Text(0));
      GONGSHU_RETURN_IF_ERROR(document->Run());
      if (!resource.ok()) return resource.status();
      CatalogHit hit;
      hit.resource = std::move(*resource);
      hit.score = -row.bm25;
      hit.name_highlight = MarkedToHtml(hit.resource.name);
      hit.summary_highlight = MarkedToHtml(Excerpt(hit.resource.summary, 240));
      if (sql.text) {
        Result<Statement> marks = connection.Prepare(
            "SELECT highlight(resource_search, 0, char(1), char(2)), "
            "snippet(resource_search, 2, char(1), char(2), '…', 40) FROM resource_search "
            "WHERE resource_search MATCH ? AND rowid = ?");
        if (!marks.ok()) return marks.status();
        marks->Bind(1, sql.bindings.front()).Bind(2, row.seq);
        Result<bool> marked = marks->Step();
        if (!marked.ok()) return marked.status();
        if (*marked) {
          hit.name_highlight = MarkedToHtml(marks->Text(0));
          hit.summary_highlight = MarkedToHtml(marks->Text(1));
        }
        GONGSHU_RETURN_IF_ERROR(marks->Run());
      }
      results.hits.push_back(std::move(hit));
    }

    // The size of the whole match set.
    if (count_while_paging) {
      results.total = matches;
    } else {
      Result<Statement> count = connection.Prepare("SELECT count(*)" + sql.from_where);
      if (!count.ok()) return count.status();
      bind_all(*count);
      Result<bool> counted = count->Step();
      if (!counted.ok()) return counted.status();
      results.total = count->Int64(0);
      GONGSHU_RETURN_IF_ERROR(count->Run());
    }

    // Facet counts over the whole match set.
    if (!query.facets.empty()) {
      std::vector<std::string> names;
      for (Facet facet : query.facets) names.emplace_back(FacetName(facet));
      Result<Statement> facets = connection.Prepare(
          // CROSS JOIN keeps the match set as the outer loop: each match looks up its own facet
          // rows, rather than every row of a facet being probed against the match set.
          "SELECT f.facet, f.value, count(*) AS n FROM (SELECT r.seq AS seq" + sql.from_where +
          ") AS m CROSS JOIN resource_facets AS f ON f.resource_seq = m.seq WHERE f.facet IN "
          "(SELECT value FROM json_each(?)) GROUP BY f.facet, f.value ORDER BY f.facet, n DESC, "
          "f.value");
      if (!facets.ok()) return facets.status();
      int facet_index = bind_all(*facets);
      facets->Bind(facet_index, JsonList(names));
      for (Facet facet : query.facets) results.facet_counts[facet];
      while (true) {
        Result<bool> row = facets->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        std::optional<Facet> facet = ParseFacet(facets->Text(0));
        if (!facet) continue;
        std::vector<FacetCount>& counts = results.facet_counts[*facet];
        if (counts.size() < 1000) counts.push_back({facets->Text(1), facets->Int64(2)});
      }
    }
    return results;
  });
}

Result<std::vector<std::string>> SqliteCatalogStore::Suggest(const std::string& prefix, int limit) {
  std::string expression = BuildPrefixMatchExpression(prefix);
  if (expression.empty()) return std::vector<std::string>();
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<std::string>> {
    Result<Statement> statement = connection.Prepare(
        "SELECT r.name FROM resource_search JOIN resources r ON r.seq = resource_search.rowid "
        "WHERE resource_search MATCH ? AND r.status = 'registered' ORDER BY " +
        std::string(kBm25) + ", r.seq LIMIT ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, "name : (" + expression + ")").Bind(2, static_cast<int64_t>(limit));
    std::vector<std::string> names;
    while (true) {
      Result<bool> row = statement->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      names.push_back(statement->Text(0));
    }
    return names;
  });
}

}  // namespace gongshu
