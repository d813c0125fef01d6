#include "interop/dcat.h"

#include <algorithm>
#include <cctype>

#include "catalog/grade.h"
#include "catalog/resource_json.h"
#include "common/clock.h"
#include "interop/distribution_text.h"
#include "interop/iri.h"
#include "interop/json_ld.h"
#include "interop/licence.h"
#include "interop/turtle.h"
#include "interop/urls.h"
#include "interop/vocabularies.h"

namespace gongshu {
namespace {

constexpr std::string_view kChinese = "zh";
constexpr std::string_view kEnglish = "en";
constexpr std::string_view kOpenApiStandard = "https://spec.openapis.org/oas/v3.1.0";

std::string Dcat(std::string_view local) { return RdfIri(kDcatNamespace, local); }
std::string Dct(std::string_view local) { return RdfIri(kDctNamespace, local); }
std::string Foaf(std::string_view local) { return RdfIri(kFoafNamespace, local); }
std::string Vcard(std::string_view local) { return RdfIri(kVcardNamespace, local); }
std::string Skos(std::string_view local) { return RdfIri(kSkosNamespace, local); }
std::string Adms(std::string_view local) { return RdfIri(kAdmsNamespace, local); }
std::string Xsd(std::string_view local) { return RdfIri(kXsdNamespace, local); }
std::string Rdfs(std::string_view local) { return RdfIri(kRdfsNamespace, local); }
std::string Hydra(std::string_view local) { return RdfIri(kHydraNamespace, local); }
std::string Gongshu(std::string_view local) { return RdfIri(kGongshuNamespace, local); }

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  for (char& symbol : lower) {
    symbol = static_cast<char>(std::tolower(static_cast<unsigned char>(symbol)));
  }
  return lower;
}

// mailto: IRI for an e-mail address: '@' and '+' kept, every other byte outside the unreserved
// set percent-encoded.
std::string MailtoIri(std::string_view email) {
  std::string iri = "mailto:";
  for (char symbol : email) {
    if (symbol == '@' || symbol == '+') {
      iri.push_back(symbol);
    } else {
      iri += EncodeIriSegment(std::string_view(&symbol, 1));
    }
  }
  return iri;
}

// tel: IRI (RFC 3966) for a phone number as people write it: spaces dropped; digits and
// + - . ( ) kept; anything else percent-encoded.
std::string TelIri(std::string_view phone) {
  std::string iri = "tel:";
  for (char symbol : phone) {
    if (symbol == ' ') continue;
    bool visual = (symbol >= '0' && symbol <= '9') || symbol == '+' || symbol == '-' ||
                  symbol == '.' || symbol == '(' || symbol == ')';
    if (visual) {
      iri.push_back(symbol);
    } else {
      iri += EncodeIriSegment(std::string_view(&symbol, 1));
    }
  }
  return iri;
}

std::string_view ItemDatatype(ItemType type) {
  switch (type) {
    case ItemType::kString:
      return "string";
    case ItemType::kInteger:
      return "integer";
    case ItemType::kDecimal:
      return "decimal";
    case ItemType::kBoolean:
      return "boolean";
    case ItemType::kDate:
      return "date";
    case ItemType::kDateTime:
      return "dateTime";
  }
  return "string";
}

// Builds one graph; the Add* methods may be called for several datasets of one catalog page.
class DcatBuilder {
 public:
  explicit DcatBuilder(const DcatContext& context) : context_(context), base_(context.base_url) {}

  RdfGraph& graph() { return graph_; }

  // Adds the dataset and returns its IRI; `service_iri` is set to its data service, if any.
  std::string AddDataset(const Resource& resource, std::string* service_iri) {
    const std::string dataset = DatasetIri(base_, resource.id);
    graph_.AddType(dataset, Dcat("Dataset"));
    std::string_view identifier = resource.code.empty() ? resource.id : resource.code;
    graph_.Add(dataset, Dct("identifier"), RdfTerm::Text(identifier));
    std::string_view title = resource.name.empty() ? identifier : resource.name;
    graph_.Add(dataset, Dct("title"), RdfTerm::Text(title, kChinese));
    // dct:description is mandatory; a draft without a summary repeats its name.
    graph_.Add(dataset, Dct("description"),
               RdfTerm::Text(resource.summary.empty() ? title : resource.summary, kChinese));

    const std::string publisher = AddAgent(resource.provider_id, resource.provider_name,
                                           resource.provider_code, resource.region);
    graph_.Add(dataset, Dct("publisher"), RdfTerm::Iri(publisher));

    std::vector<std::string> themes = AddThemes(resource.themes);
    for (const std::string& theme : themes) graph_.Add(dataset, Dcat("theme"), RdfTerm::Iri(theme));
    for (const std::string& keyword : resource.keywords) {
      graph_.Add(dataset, Dcat("keyword"), RdfTerm::Text(keyword, kChinese));
    }

    VocabularyConcept frequency = FrequencyConcept(resource.update_cycle);
    AddConcept(frequency, Dct("Frequency"));
    graph_.Add(dataset, Dct("accrualPeriodicity"), RdfTerm::Iri(frequency.iri));

    if (resource.publish_date && IsIsoDate(*resource.publish_date)) {
      graph_.Add(dataset, Dct("issued"), RdfTerm::Typed(*resource.publish_date, Xsd("date")));
    }
    graph_.Add(dataset, Dct("modified"),
               RdfTerm::Typed(FormatIsoTime(resource.updated_at), Xsd("dateTime")));

    // Without a stated coverage, the provider's own division is the best statement there is.
    const std::string& spatial = resource.spatial.empty() ? resource.region : resource.spatial;
    if (!spatial.empty()) graph_.Add(dataset, Dct("spatial"), RdfTerm::Iri(AddLocation(spatial)));

    AddTemporal(dataset, resource);
    std::string contact = AddContact(dataset, resource);
    if (!contact.empty()) graph_.Add(dataset, Dcat("contactPoint"), RdfTerm::Iri(contact));

    VocabularyConcept access = AccessRightConcept(resource.opening);
    AddConcept(access, Dct("RightsStatement"));
    graph_.Add(dataset, Dct("accessRights"), RdfTerm::Iri(access.iri));

    for (const std::string& related : resource.related_resource_ids) {
      graph_.Add(dataset, Dct("relation"), RdfTerm::Iri(DatasetIri(base_, related)));
    }

    if (!resource.registration_code.empty()) {
      std::string identifier_node = dataset + "#registration-code";
      graph_.AddType(identifier_node, Adms("Identifier"));
      graph_.Add(identifier_node, Skos("notation"), RdfTerm::Text(resource.registration_code));
      graph_.Add(identifier_node, Rdfs("label"), RdfTerm::Text("公共数据资源登记编码", kChinese));
      graph_.Add(dataset, Adms("identifier"), RdfTerm::Iri(identifier_node));
    }

    std::string landing_page = ResourcePageUrl(base_, resource.id);
    graph_.AddType(landing_page, Foaf("Document"));
    graph_.Add(dataset, Dcat("landingPage"), RdfTerm::Iri(landing_page));

    VocabularyConcept language = ChineseLanguageConcept();
    AddConcept(language, Dct("LinguisticSystem"));
    graph_.Add(dataset, Dct("language"), RdfTerm::Iri(language.iri));

    AddGongshuElements(dataset, resource);
    AddItems(dataset, resource.items);

    std::string licence = AddLicence(dataset, resource);
    bool has_api = std::any_of(resource.formats.begin(), resource.formats.end(),
                               [](const std::string& format) { return IsApiFormat(format); });
    service_iri->clear();
    if (has_api) {
      *service_iri = AddDataService(dataset, resource, publisher, contact, themes, licence);
    }
    for (const std::string& format : resource.formats) {
      std::string distribution = AddDistribution(dataset, resource, format, licence, *service_iri);
      graph_.Add(dataset, Dcat("distribution"), RdfTerm::Iri(distribution));
    }
    return dataset;
  }

  void AddCatalog(const std::vector<Resource>& resources) {
    const std::string catalog = CatalogIri(base_);
    graph_.AddType(catalog, Dcat("Catalog"));
    graph_.Add(catalog, Dct("title"), RdfTerm::Text(context_.catalog_title, kChinese));
    graph_.Add(catalog, Dct("description"),
               RdfTerm::Text(context_.catalog_description.empty() ? context_.catalog_title
                                                                  : context_.catalog_description,
                             kChinese));
    std::string publisher = AddAgent(context_.publisher_id, context_.publisher_name, "",
                                     context_.publisher_division_code);
    graph_.Add(catalog, Dct("publisher"), RdfTerm::Iri(publisher));
    std::string homepage = HomepageUrl(base_);
    graph_.AddType(homepage, Foaf("Document"));
    graph_.Add(catalog, Foaf("homepage"), RdfTerm::Iri(homepage));
    VocabularyConcept language = ChineseLanguageConcept();
    AddConcept(language, Dct("LinguisticSystem"));
    graph_.Add(catalog, Dct("language"), RdfTerm::Iri(language.iri));
    if (IsIsoDate(context_.catalog_issued)) {
      graph_.Add(catalog, Dct("issued"), RdfTerm::Typed(context_.catalog_issued, Xsd("date")));
    }
    if (!context_.catalog_license.empty()) {
      graph_.Add(catalog, Dct("license"),
                 RdfTerm::Iri(AddLicenceDocument(DescribeLicence(context_.catalog_license))));
    }
    if (!context_.publisher_division_code.empty()) {
      graph_.Add(catalog, Dct("spatial"),
                 RdfTerm::Iri(AddLocation(context_.publisher_division_code)));
    }
    graph_.Add(catalog, Dcat("themeTaxonomy"), RdfTerm::Iri(AddThemeScheme()));
    if (context_.themes != nullptr) {
      std::string eu_scheme = DataThemeSchemeIri();
      AddScheme(eu_scheme);
      graph_.Add(catalog, Dcat("themeTaxonomy"), RdfTerm::Iri(eu_scheme));
    }

    TimePoint modified{};
    for (const Resource& resource : resources) {
      std::string service;
      std::string dataset = AddDataset(resource, &service);
      graph_.Add(catalog, Dcat("dataset"), RdfTerm::Iri(dataset));
      if (!service.empty()) graph_.Add(catalog, Dcat("service"), RdfTerm::Iri(service));
      modified = std::max(modified, resource.updated_at);
    }
    if (!resources.empty()) {
      graph_.Add(catalog, Dct("modified"),
                 RdfTerm::Typed(FormatIsoTime(modified), Xsd("dateTime")));
    }
    AddPaging(catalog);
  }

 private:
  void AddScheme(std::string_view scheme_iri) {
    graph_.AddType(scheme_iri, Skos("ConceptScheme"));
    graph_.Add(scheme_iri, Dct("title"), RdfTerm::Text(ConceptSchemeTitle(scheme_iri), kEnglish));
  }

  // A concept of a controlled vocabulary, typed skos:Concept (and `extra_type` when not empty)
  // with its labels and scheme.
  void AddConcept(const VocabularyConcept& concept_entry, std::string_view extra_type) {
    graph_.AddType(concept_entry.iri, Skos("Concept"));
    if (!extra_type.empty()) graph_.AddType(concept_entry.iri, extra_type);
    graph_.Add(concept_entry.iri, Skos("prefLabel"),
               RdfTerm::Text(concept_entry.label_en, kEnglish));
    if (!concept_entry.label_zh.empty()) {
      graph_.Add(concept_entry.iri, Skos("prefLabel"),
                 RdfTerm::Text(concept_entry.label_zh, kChinese));
    }
    graph_.Add(concept_entry.iri, Skos("inScheme"), RdfTerm::Iri(concept_entry.scheme_iri));
    AddScheme(concept_entry.scheme_iri);
  }

  std::string AddAgent(std::string_view organization_id, std::string_view name,
                       std::string_view code, std::string_view division_code) {
    std::string agent = OrganizationIri(base_, organization_id);
    graph_.AddType(agent, Foaf("Agent"));
    graph_.AddType(agent, Foaf("Organization"));
    graph_.Add(agent, Foaf("name"), RdfTerm::Text(name.empty() ? organization_id : name, kChinese));
    if (!code.empty()) graph_.Add(agent, Dct("identifier"), RdfTerm::Text(code));
    if (!division_code.empty()) {
      graph_.Add(agent, Gongshu("divisionCode"), RdfTerm::Text(division_code));
    }
    VocabularyConcept type = PublisherTypeConcept(division_code);
    AddConcept(type, "");
    graph_.Add(agent, Dct("type"), RdfTerm::Iri(type.iri));
    return agent;
  }

  std::string AddThemeScheme() {
    std::string scheme = ThemeSchemeIri(base_);
    graph_.AddType(scheme, Skos("ConceptScheme"));
    graph_.Add(scheme, Dct("title"), RdfTerm::Text("资源主题分类", kChinese));
    graph_.Add(scheme, Dct("title"), RdfTerm::Text("Resource themes", kEnglish));
    return scheme;
  }

  // Our theme concepts and the EU data themes they fall under; returns every IRI to cite.
  std::vector<std::string> AddThemes(const std::vector<std::string>& theme_ids) {
    std::vector<std::string> iris;
    for (const std::string& theme_id : theme_ids) {
      std::string concept_iri = ThemeIri(base_, theme_id);
      const Theme* theme = context_.themes ? context_.themes->Find(theme_id) : nullptr;
      graph_.AddType(concept_iri, Skos("Concept"));
      graph_.Add(concept_iri, Skos("prefLabel"),
                 RdfTerm::Text(theme ? std::string_view(theme->name) : theme_id, kChinese));
      if (theme != nullptr && !theme->name_en.empty()) {
        graph_.Add(concept_iri, Skos("prefLabel"), RdfTerm::Text(theme->name_en, kEnglish));
      }
      graph_.Add(concept_iri, Skos("notation"), RdfTerm::Text(theme_id));
      graph_.Add(concept_iri, Skos("inScheme"), RdfTerm::Iri(AddThemeScheme()));
      iris.push_back(concept_iri);
      if (theme == nullptr) continue;
      std::optional<VocabularyConcept> eu_theme = DataThemeConcept(theme->eu_theme);
      if (!eu_theme) continue;
      AddConcept(*eu_theme, "");
      graph_.Add(concept_iri, Skos("broadMatch"), RdfTerm::Iri(eu_theme->iri));
      if (std::find(iris.begin(), iris.end(), eu_theme->iri) == iris.end()) {
        iris.push_back(eu_theme->iri);
      }
    }
    return iris;
  }

  std::string AddLocation(std::string_view division_code) {
    std::string location = RegionIri(base_, division_code);
    graph_.AddType(location, Dct("Location"));
    graph_.Add(location, Dct("identifier"), RdfTerm::Text(division_code));
    std::optional<Place> place;
    if (context_.find_place) place = context_.find_place(division_code);
    if (place) {
      if (!place->name.empty()) {
        graph_.Add(location, Skos("prefLabel"), RdfTerm::Text(place->name, kChinese));
      }
      std::string wkt = RdfIri(kGeoSparqlNamespace, "wktLiteral");
      if (!place->bbox_wkt.empty()) {
        graph_.Add(location, Dcat("bbox"), RdfTerm::Typed(place->bbox_wkt, wkt));
      }
      if (!place->centroid_wkt.empty()) {
        graph_.Add(location, Dcat("centroid"), RdfTerm::Typed(place->centroid_wkt, wkt));
      }
    }
    return location;
  }

  void AddTemporal(const std::string& dataset, const Resource& resource) {
    bool has_start = resource.temporal_start && IsIsoDate(*resource.temporal_start);
    bool has_end = resource.temporal_end && IsIsoDate(*resource.temporal_end);
    if (!has_start && !has_end) return;
    std::string period = dataset + "#temporal";
    graph_.AddType(period, Dct("PeriodOfTime"));
    if (has_start) {
      graph_.Add(period, Dcat("startDate"), RdfTerm::Typed(*resource.temporal_start, Xsd("date")));
    }
    if (has_end) {
      graph_.Add(period, Dcat("endDate"), RdfTerm::Typed(*resource.temporal_end, Xsd("date")));
    } else if (resource.updated_at != TimePoint{}) {
      // An open period ("to date") ends, as far as the published data goes, at its last change.
      graph_.Add(period, Dcat("endDate"),
                 RdfTerm::Typed(FormatIsoTime(resource.updated_at).substr(0, 10), Xsd("date")));
    }
    graph_.Add(dataset, Dct("temporal"), RdfTerm::Iri(period));
  }

  // Returns the contact's IRI, or "" when the resource names no contact.
  std::string AddContact(const std::string& dataset, const Resource& resource) {
    const Contact& contact = resource.contact;
    if (contact.name.empty() && contact.email.empty() && contact.phone.empty()) return "";
    std::string node = dataset + "#contact";
    graph_.AddType(node, Vcard("Kind"));
    std::string_view name = contact.name.empty() ? resource.provider_name : contact.name;
    if (!name.empty()) graph_.Add(node, Vcard("fn"), RdfTerm::Text(name, kChinese));
    if (!contact.email.empty()) {
      graph_.Add(node, Vcard("hasEmail"), RdfTerm::Iri(MailtoIri(contact.email)));
    }
    if (!contact.phone.empty()) {
      graph_.Add(node, Vcard("hasTelephone"), RdfTerm::Iri(TelIri(contact.phone)));
    }
    return node;
  }

  void AddGongshuElements(const std::string& dataset, const Resource& resource) {
    const GradingRecord& grading = resource.grading;
    graph_.Add(dataset, Gongshu("grade"), RdfTerm::Text(GradeName(grading.grade)));
    graph_.Add(dataset, Gongshu("gradeLabel"), RdfTerm::Text(GradeLabel(grading.grade), kChinese));
    if (!grading.basis.empty()) {
      graph_.Add(dataset, Gongshu("gradingBasis"), RdfTerm::Text(grading.basis, kChinese));
    }
    if (grading.graded_at != TimePoint{}) {
      graph_.Add(dataset, Gongshu("gradedAt"),
                 RdfTerm::Typed(FormatIsoTime(grading.graded_at), Xsd("dateTime")));
    }
    graph_.Add(dataset, Gongshu("sharing"), RdfTerm::Text(AccessAttributeName(resource.sharing)));
    if (!resource.sharing_conditions.empty()) {
      graph_.Add(dataset, Gongshu("sharingConditions"),
                 RdfTerm::Text(resource.sharing_conditions, kChinese));
    }
    if (!resource.sharing_method.empty()) {
      graph_.Add(dataset, Gongshu("sharingMethod"),
                 RdfTerm::Text(resource.sharing_method, kChinese));
    }
    graph_.Add(dataset, Gongshu("opening"), RdfTerm::Text(AccessAttributeName(resource.opening)));
    if (!resource.opening_conditions.empty()) {
      graph_.Add(dataset, Gongshu("openingConditions"),
                 RdfTerm::Text(resource.opening_conditions, kChinese));
    }
    const Classification& classification = resource.classification;
    const std::pair<std::string_view, const std::string*> levels[] = {
        {"classificationCategory", &classification.category},
        {"classificationSubject", &classification.subject},
        {"classificationTopic", &classification.topic},
        {"classificationSubtopic", &classification.subtopic},
    };
    for (const auto& [property, value] : levels) {
      if (!value->empty()) graph_.Add(dataset, Gongshu(property), RdfTerm::Text(*value, kChinese));
    }
    graph_.Add(dataset, Gongshu("status"), RdfTerm::Text(ResourceStatusName(resource.status)));
    graph_.Add(dataset, Gongshu("operationAllowed"),
               RdfTerm::Typed(resource.operation_allowed ? "true" : "false", Xsd("boolean")));
    if (!resource.operation_override_reason.empty()) {
      graph_.Add(dataset, Gongshu("operationOverrideReason"),
                 RdfTerm::Text(resource.operation_override_reason, kChinese));
    }
    graph_.Add(
        dataset, Gongshu("deidentificationPolicy"),
        RdfTerm::Typed(resource.has_deidentification_policy ? "true" : "false", Xsd("boolean")));
    graph_.Add(dataset, Gongshu("metadataVersion"),
               RdfTerm::Typed(std::to_string(resource.version), Xsd("integer")));
    graph_.Add(dataset, Gongshu("metadataCreated"),
               RdfTerm::Typed(FormatIsoTime(resource.created_at), Xsd("dateTime")));
  }

  void AddItems(const std::string& dataset, const std::vector<Item>& items) {
    for (size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
      const Item& item = items[item_idx];
      std::string node = dataset + "#item-" + std::to_string(item_idx + 1);
      graph_.AddType(node, Gongshu("Item"));
      graph_.Add(node, Gongshu("position"),
                 RdfTerm::Typed(std::to_string(item_idx + 1), Xsd("integer")));
      graph_.Add(node, Gongshu("name"), RdfTerm::Text(item.name));
      if (!item.title.empty()) graph_.Add(node, Rdfs("label"), RdfTerm::Text(item.title, kChinese));
      graph_.Add(node, Gongshu("itemType"), RdfTerm::Text(ItemTypeName(item.type)));
      graph_.Add(node, Gongshu("datatype"), RdfTerm::Iri(Xsd(ItemDatatype(item.type))));
      if (!item.description.empty()) {
        graph_.Add(node, Dct("description"), RdfTerm::Text(item.description, kChinese));
      }
      graph_.Add(node, Gongshu("grade"), RdfTerm::Text(GradeName(item.sensitivity)));
      graph_.Add(node, Gongshu("personalData"), RdfTerm::Text(PersonalDataName(item.personal)));
      graph_.Add(dataset, Gongshu("item"), RdfTerm::Iri(node));
    }
  }

  std::string AddLicenceDocument(const LicenceInfo& licence) {
    graph_.AddType(licence.iri, Dct("LicenseDocument"));
    graph_.Add(licence.iri, Rdfs("label"), RdfTerm::Text(licence.title));
    if (!licence.type_iri.empty()) {
      AddLicenceType(licence.type_iri);
      graph_.Add(licence.iri, Dct("type"), RdfTerm::Iri(licence.type_iri));
    }
    return licence.iri;
  }

  void AddLicenceType(const std::string& type_iri) {
    std::string_view local = std::string_view(type_iri).substr(type_iri.rfind('/') + 1);
    AddConcept({type_iri, "http://purl.org/adms/licencetype/1.0", std::string(local), ""}, "");
  }

  // The licence every distribution carries: the resource's licence, or — when it names none —
  // its conditions of use as a licence document of its own.
  std::string AddLicence(const std::string& dataset, const Resource& resource) {
    if (!resource.license.empty()) return AddLicenceDocument(DescribeLicence(resource.license));
    std::string terms = dataset + "#terms";
    graph_.AddType(terms, Dct("LicenseDocument"));
    graph_.Add(terms, Rdfs("label"), RdfTerm::Text("公共数据使用条件", kChinese));
    const std::string& conditions = resource.opening_conditions.empty()
                                        ? resource.sharing_conditions
                                        : resource.opening_conditions;
    if (!conditions.empty()) {
      graph_.Add(terms, Dct("description"), RdfTerm::Text(conditions, kChinese));
    }
    std::string type(RestrictiveTermsTypeIri());
    AddLicenceType(type);
    graph_.Add(terms, Dct("type"), RdfTerm::Iri(type));
    return terms;
  }

  std::string AddDataService(const std::string& dataset, const Resource& resource,
                             const std::string& publisher, const std::string& contact,
                             const std::vector<std::string>& themes, const std::string& licence) {
    std::string service = dataset + "#api";
    std::string_view name = resource.name.empty() ? resource.id : resource.name;
    graph_.AddType(service, Dcat("DataService"));
    graph_.Add(service, Dct("title"), RdfTerm::Text(std::string(name) + " 数据接口", kChinese));
    graph_.Add(service, Dct("description"),
               RdfTerm::Text(DistributionDescription(resource, "api"), kChinese));
    graph_.Add(service, Dcat("endpointURL"), RdfTerm::Iri(ResourceRowsUrl(base_, resource.id)));
    graph_.Add(service, Dcat("endpointDescription"), RdfTerm::Iri(OpenApiUrl(base_)));
    graph_.AddType(std::string(kOpenApiStandard), Dct("Standard"));
    graph_.Add(std::string(kOpenApiStandard), Dct("title"),
               RdfTerm::Text("OpenAPI Specification 3.1.0", kEnglish));
    graph_.Add(service, Dct("conformsTo"), RdfTerm::Iri(std::string(kOpenApiStandard)));
    graph_.Add(service, Dcat("servesDataset"), RdfTerm::Iri(dataset));
    graph_.Add(service, Dct("publisher"), RdfTerm::Iri(publisher));
    if (!contact.empty()) graph_.Add(service, Dcat("contactPoint"), RdfTerm::Iri(contact));
    for (const std::string& theme : themes) graph_.Add(service, Dcat("theme"), RdfTerm::Iri(theme));
    for (const std::string& keyword : resource.keywords) {
      graph_.Add(service, Dcat("keyword"), RdfTerm::Text(keyword, kChinese));
    }
    VocabularyConcept access = AccessRightConcept(resource.opening);
    graph_.Add(service, Dct("accessRights"), RdfTerm::Iri(access.iri));
    graph_.Add(service, Dct("license"), RdfTerm::Iri(licence));
    return service;
  }

  std::string AddDistribution(const std::string& dataset, const Resource& resource,
                              std::string_view format, const std::string& licence,
                              const std::string& service) {
    std::string lower = Lowercase(format);
    std::string distribution = dataset + "#distribution-" + EncodeIriSegment(lower);
    graph_.AddType(distribution, Dcat("Distribution"));
    graph_.Add(distribution, Dct("title"),
               RdfTerm::Text(DistributionTitle(resource, format), kChinese));
    graph_.Add(distribution, Dct("description"),
               RdfTerm::Text(DistributionDescription(resource, format), kChinese));
    graph_.Add(distribution, Dcat("accessURL"),
               RdfTerm::Iri(DistributionAccessUrl(base_, resource.id, format)));
    if (IsApiFormat(format) && !service.empty()) {
      graph_.Add(distribution, Dcat("accessService"), RdfTerm::Iri(service));
    }
    std::optional<FileTypeMapping> file_type = LookupFileType(lower);
    if (file_type) {
      AddConcept(file_type->file_type, Dct("MediaTypeOrExtent"));
      graph_.Add(distribution, Dct("format"), RdfTerm::Iri(file_type->file_type.iri));
      if (!file_type->media_type.empty()) {
        std::string media_type = MediaTypeIri(file_type->media_type);
        graph_.AddType(media_type, Dct("MediaType"));
        graph_.Add(distribution, Dcat("mediaType"), RdfTerm::Iri(media_type));
      }
    } else {
      // A format the EU authority lacks gets a concept of Gongshu's format scheme.
      std::string scheme = RdfIri(kGongshuNamespace, "formats");
      std::string format_iri = RdfIri(kGongshuNamespace, "format-" + EncodeIriSegment(lower));
      graph_.AddType(format_iri, Skos("Concept"));
      graph_.AddType(format_iri, Dct("MediaTypeOrExtent"));
      graph_.Add(format_iri, Skos("prefLabel"), RdfTerm::Text(UppercaseFormat(format), kEnglish));
      graph_.Add(format_iri, Skos("inScheme"), RdfTerm::Iri(scheme));
      graph_.AddType(scheme, Skos("ConceptScheme"));
      graph_.Add(scheme, Dct("title"), RdfTerm::Text("Gongshu file formats", kEnglish));
      graph_.Add(distribution, Dct("format"), RdfTerm::Iri(format_iri));
    }
    graph_.Add(distribution, Dct("license"), RdfTerm::Iri(licence));
    VocabularyConcept availability = StableAvailabilityConcept();
    AddConcept(availability, "");
    graph_.Add(distribution, RdfIri(kDcatApNamespace, "availability"),
               RdfTerm::Iri(availability.iri));
    graph_.Add(distribution, Dct("modified"),
               RdfTerm::Typed(FormatIsoTime(resource.updated_at), Xsd("dateTime")));
    return distribution;
  }

  void AddPaging(const std::string& catalog) {
    if (context_.total_items >= 0) {
      graph_.Add(catalog, Hydra("totalItems"),
                 RdfTerm::Typed(std::to_string(context_.total_items), Xsd("integer")));
    }
    if (context_.page_url.empty()) return;
    std::string view = SanitizeIri(context_.page_url);
    graph_.AddType(view, Hydra("PartialCollectionView"));
    graph_.Add(catalog, Hydra("view"), RdfTerm::Iri(view));
    if (!context_.first_page_url.empty()) {
      graph_.Add(view, Hydra("first"), RdfTerm::Iri(SanitizeIri(context_.first_page_url)));
    }
    if (!context_.next_page_url.empty()) {
      graph_.Add(view, Hydra("next"), RdfTerm::Iri(SanitizeIri(context_.next_page_url)));
    }
  }

  const DcatContext& context_;
  const std::string base_;
  RdfGraph graph_;
};

}  // namespace

RdfGraph DatasetGraph(const Resource& resource, const DcatContext& context) {
  DcatBuilder builder(context);
  std::string service;
  builder.AddDataset(resource, &service);
  return std::move(builder.graph());
}

RdfGraph CatalogGraph(const std::vector<Resource>& resources, const DcatContext& context) {
  DcatBuilder builder(context);
  builder.AddCatalog(resources);
  return std::move(builder.graph());
}

std::string DatasetTurtle(const Resource& resource, const DcatContext& context) {
  return WriteTurtle(DatasetGraph(resource, context));
}

nlohmann::json DatasetJsonLd(const Resource& resource, const DcatContext& context) {
  return WriteJsonLd(DatasetGraph(resource, context));
}

std::string CatalogTurtle(const std::vector<Resource>& resources, const DcatContext& context) {
  return WriteTurtle(CatalogGraph(resources, context));
}

nlohmann::json CatalogJsonLd(const std::vector<Resource>& resources, const DcatContext& context) {
  return WriteJsonLd(CatalogGraph(resources, context));
}

}  // namespace gongshu
