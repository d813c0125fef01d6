// The controlled vocabularies the DCAT-AP output points to — the EU Publications Office
// authority tables (frequency, access right, file type, language, data theme, planned
// availability) and the ADMS publisher and licence types — and how Gongshu's values map onto
// them. docs/dcat-ap.md has the same tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/resource.h"

namespace gongshu {

// One concept of a vocabulary, with what the output says about it: its scheme and labels
// (SHACL's skos:Concept shape asks for a skos:prefLabel; the range shapes ask for the class).
struct VocabularyConcept {
  std::string iri;
  std::string scheme_iri;
  std::string label_en;
  std::string label_zh;  // may be empty
};

// The title of a concept scheme named by one of the functions below (English).
std::string_view ConceptSchemeTitle(std::string_view scheme_iri);

// EU frequency authority: realtime → CONT, daily → DAILY, weekly → WEEKLY, monthly → MONTHLY,
// quarterly → QUARTERLY, half-yearly → ANNUAL_2 (semiannual), yearly → ANNUAL,
// irregular → IRREG.
VocabularyConcept FrequencyConcept(UpdateCycle cycle);

// EU access-right authority from the opening attribute: unconditional → PUBLIC,
// conditional → RESTRICTED, none → NON_PUBLIC.
VocabularyConcept AccessRightConcept(AccessAttribute opening);

// EU data theme authority, by code ("TRAN"). nullopt for a code the authority does not have.
std::optional<VocabularyConcept> DataThemeConcept(std::string_view code);
// The EU data theme authority's scheme IRI.
std::string DataThemeSchemeIri();

// EU language authority: ZHO (Chinese), the language of the catalog's text.
VocabularyConcept ChineseLanguageConcept();

// EU planned-availability authority: STABLE.
VocabularyConcept StableAvailabilityConcept();

// ADMS publisher type, from the level of the publisher's GB/T 2260 division code: "100000" →
// NationalAuthority, a province (xx0000) → RegionalAuthority, anything else (a prefecture or a
// county, or no code) → LocalAuthority.
VocabularyConcept PublisherTypeConcept(std::string_view division_code);

// A file format of a resource ("csv", "xlsx", "api", ...; matched case-insensitively).
struct FileTypeMapping {
  VocabularyConcept file_type;  // EU file-type authority concept ("api" → JSON)
  std::string media_type;       // IANA media type ("text/csv"); empty when there is none
};

// The EU file type for `format`; nullopt when the authority has no entry for it.
std::optional<FileTypeMapping> LookupFileType(std::string_view format);

// The IANA media type IRI for `media_type` ("text/csv" →
// https://www.iana.org/assignments/media-types/text/csv).
std::string MediaTypeIri(std::string_view media_type);

}  // namespace gongshu
