#include "interop/vocabularies.h"

#include <array>
#include <cctype>

namespace gongshu {
namespace {

constexpr std::string_view kAuthority = "http://publications.europa.eu/resource/authority/";
constexpr std::string_view kPublisherTypeNamespace = "http://purl.org/adms/publishertype/";

std::string AuthorityScheme(std::string_view table) {
  std::string iri(kAuthority);
  iri += table;
  return iri;
}

VocabularyConcept AuthorityConcept(std::string_view table, std::string_view code,
                                   std::string_view label_en, std::string_view label_zh) {
  std::string scheme = AuthorityScheme(table);
  std::string iri = scheme + "/" + std::string(code);
  return {std::move(iri), std::move(scheme), std::string(label_en), std::string(label_zh)};
}

struct SchemeTitle {
  std::string_view table;  // authority table, or a full scheme IRI when it has "://"
  std::string_view title;
};

constexpr std::array<SchemeTitle, 9> kSchemeTitles = {{
    {"frequency", "Frequency"},
    {"access-right", "Access right"},
    {"data-theme", "Data theme"},
    {"language", "Language"},
    {"planned-availability", "Planned availability"},
    {"file-type", "File type"},
    {"licence", "Licence"},
    {"http://purl.org/adms/publishertype/1.0", "Publisher type"},
    {"http://purl.org/adms/licencetype/1.0", "Licence type"},
}};

struct ThemeLabel {
  std::string_view code;
  std::string_view label_en;
  std::string_view label_zh;
};

// The EU data theme authority's codes with their English labels.
constexpr std::array<ThemeLabel, 14> kDataThemes = {{
    {"AGRI", "Agriculture, fisheries, forestry and food", "农业、渔业、林业和食品"},
    {"ECON", "Economy and finance", "经济和金融"},
    {"EDUC", "Education, culture and sport", "教育、文化和体育"},
    {"ENER", "Energy", "能源"},
    {"ENVI", "Environment", "环境"},
    {"GOVE", "Government and public sector", "政府和公共部门"},
    {"HEAL", "Health", "卫生"},
    {"INTR", "International issues", "国际事务"},
    {"JUST", "Justice, legal system and public safety", "司法、法律体系和公共安全"},
    {"OP_DATPRO", "Provisional data", "临时数据"},
    {"REGI", "Regions and cities", "区域和城市"},
    {"SOCI", "Population and society", "人口和社会"},
    {"TECH", "Science and technology", "科学和技术"},
    {"TRAN", "Transport", "交通"},
}};

struct FileTypeEntry {
  std::string_view format;  // lower-case Gongshu format name
  std::string_view code;    // EU file-type code
  std::string_view media_type;
};

constexpr std::array<FileTypeEntry, 22> kFileTypes = {{
    {"csv", "CSV", "text/csv"},
    {"tsv", "TSV", "text/tab-separated-values"},
    {"xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"xls", "XLS", "application/vnd.ms-excel"},
    {"ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet"},
    {"json", "JSON", "application/json"},
    {"api", "JSON", "application/json"},
    {"geojson", "GEOJSON", "application/geo+json"},
    {"jsonld", "JSON_LD", "application/ld+json"},
    {"xml", "XML", "application/xml"},
    {"rdf", "RDF_XML", "application/rdf+xml"},
    {"ttl", "RDF_TURTLE", "text/turtle"},
    {"kml", "KML", "application/vnd.google-earth.kml+xml"},
    {"shp", "SHP", ""},
    {"pdf", "PDF", "application/pdf"},
    {"doc", "DOC", "application/msword"},
    {"docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"txt", "TXT", "text/plain"},
    {"html", "HTML", "text/html"},
    {"zip", "ZIP", "application/zip"},
    {"gzip", "GZIP", "application/gzip"},
    {"parquet", "PARQUET", ""},
}};

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  for (char& symbol : lower) {
    symbol = static_cast<char>(std::tolower(static_cast<unsigned char>(symbol)));
  }
  return lower;
}

bool IsProvinceCode(std::string_view code) { return code.size() == 6 && code.substr(2) == "0000"; }

}  // namespace

std::string_view ConceptSchemeTitle(std::string_view scheme_iri) {
  for (const SchemeTitle& entry : kSchemeTitles) {
    if (entry.table.find("://") != std::string_view::npos) {
      if (scheme_iri == entry.table) return entry.title;
    } else if (scheme_iri.starts_with(kAuthority) &&
               scheme_iri.substr(kAuthority.size()) == entry.table) {
      return entry.title;
    }
  }
  return scheme_iri;
}

VocabularyConcept FrequencyConcept(UpdateCycle cycle) {
  switch (cycle) {
    case UpdateCycle::kRealtime:
      return AuthorityConcept("frequency", "CONT", "continuous", "实时");
    case UpdateCycle::kDaily:
      return AuthorityConcept("frequency", "DAILY", "daily", "每日");
    case UpdateCycle::kWeekly:
      return AuthorityConcept("frequency", "WEEKLY", "weekly", "每周");
    case UpdateCycle::kMonthly:
      return AuthorityConcept("frequency", "MONTHLY", "monthly", "每月");
    case UpdateCycle::kQuarterly:
      return AuthorityConcept("frequency", "QUARTERLY", "quarterly", "每季度");
    case UpdateCycle::kHalfYearly:
      return AuthorityConcept("frequency", "ANNUAL_2", "semiannual", "每半年");
    case UpdateCycle::kYearly:
      return AuthorityConcept("frequency", "ANNUAL", "annual", "每年");
    case UpdateCycle::kIrregular:
      break;
  }
  return AuthorityConcept("frequency", "IRREG", "irregular", "不定期");
}

VocabularyConcept AccessRightConcept(AccessAttribute opening) {
  switch (opening) {
    case AccessAttribute::kUnconditional:
      return AuthorityConcept("access-right", "PUBLIC", "public", "无条件开放");
    case AccessAttribute::kConditional:
      return AuthorityConcept("access-right", "RESTRICTED", "restricted", "有条件开放");
    case AccessAttribute::kNone:
      break;
  }
  return AuthorityConcept("access-right", "NON_PUBLIC", "non-public", "不予开放");
}

std::optional<VocabularyConcept> DataThemeConcept(std::string_view code) {
  for (const ThemeLabel& theme : kDataThemes) {
    if (theme.code == code) {
      return AuthorityConcept("data-theme", theme.code, theme.label_en, theme.label_zh);
    }
  }
  return std::nullopt;
}

std::string DataThemeSchemeIri() { return AuthorityScheme("data-theme"); }

VocabularyConcept ChineseLanguageConcept() {
  return AuthorityConcept("language", "ZHO", "Chinese", "中文");
}

VocabularyConcept StableAvailabilityConcept() {
  return AuthorityConcept("planned-availability", "STABLE", "stable", "长期可用");
}

VocabularyConcept PublisherTypeConcept(std::string_view division_code) {
  std::string scheme = std::string(kPublisherTypeNamespace) + "1.0";
  std::string iri(kPublisherTypeNamespace);
  if (division_code == "100000") {
    return {iri + "NationalAuthority", scheme, "National authority", "国家级机构"};
  }
  if (IsProvinceCode(division_code)) {
    return {iri + "RegionalAuthority", scheme, "Regional authority", "省级机构"};
  }
  return {iri + "LocalAuthority", scheme, "Local authority", "地方机构"};
}

std::optional<FileTypeMapping> LookupFileType(std::string_view format) {
  std::string lower = Lowercase(format);
  for (const FileTypeEntry& entry : kFileTypes) {
    if (entry.format == lower) {
      return FileTypeMapping{AuthorityConcept("file-type", entry.code, entry.code, ""),
                             std::string(entry.media_type)};
    }
  }
  return std::nullopt;
}

std::string MediaTypeIri(std::string_view media_type) {
  return "https://www.iana.org/assignments/media-types/" + std::string(media_type);
}

}  // namespace gongshu
