#include "interop/licence.h"

#include <array>
#include <cctype>

#include "interop/iri.h"

namespace gongshu {
namespace {

constexpr std::string_view kEuLicence = "http://publications.europa.eu/resource/authority/licence/";
constexpr std::string_view kLicenceType = "http://purl.org/adms/licencetype/";

struct LicenceEntry {
  std::string_view spdx_id;
  std::string_view eu_code;
  std::string_view title;
  std::string_view url;
  std::string_view adms_type;  // local name in kLicenceType
  std::string_view ckan_id;    // empty when CKAN's default list has none
  std::string_view ckan_title;
  bool is_open;
};

constexpr std::array<LicenceEntry, 15> kLicences = {{
    {"CC0-1.0", "CC0", "Creative Commons CC0 1.0 Universal",
     "https://creativecommons.org/publicdomain/zero/1.0/", "PublicDomain", "cc-zero",
     "Creative Commons CCZero", true},
    {"CC-BY-4.0", "CC_BY_4_0", "Creative Commons Attribution 4.0 International",
     "https://creativecommons.org/licenses/by/4.0/", "Attribution", "cc-by",
     "Creative Commons Attribution", true},
    {"CC-BY-SA-4.0", "CC_BYSA_4_0", "Creative Commons Attribution-ShareAlike 4.0 International",
     "https://creativecommons.org/licenses/by-sa/4.0/", "ViralEffect-ShareAlike", "cc-by-sa",
     "Creative Commons Attribution Share-Alike", true},
    {"CC-BY-NC-4.0", "CC_BYNC_4_0", "Creative Commons Attribution-NonCommercial 4.0 International",
     "https://creativecommons.org/licenses/by-nc/4.0/", "NonCommercialUseOnly", "cc-nc",
     "Creative Commons Non-Commercial (Any)", false},
    {"CC-BY-ND-4.0", "CC_BYND_4_0", "Creative Commons Attribution-NoDerivatives 4.0 International",
     "https://creativecommons.org/licenses/by-nd/4.0/", "NoDerivativeWork", "", "", false},
    {"CC-BY-NC-SA-4.0", "CC_BYNCSA_4_0",
     "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
     "https://creativecommons.org/licenses/by-nc-sa/4.0/", "NonCommercialUseOnly", "cc-nc",
     "Creative Commons Non-Commercial (Any)", false},
    {"CC-BY-NC-ND-4.0", "CC_BYNCND_4_0",
     "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
     "https://creativecommons.org/licenses/by-nc-nd/4.0/", "NonCommercialUseOnly", "cc-nc",
     "Creative Commons Non-Commercial (Any)", false},
    {"CC-BY-3.0", "CC_BY_3_0", "Creative Commons Attribution 3.0 Unported",
     "https://creativecommons.org/licenses/by/3.0/", "Attribution", "cc-by",
     "Creative Commons Attribution", true},
    {"CC-BY-SA-3.0", "CC_BYSA_3_0", "Creative Commons Attribution-ShareAlike 3.0 Unported",
     "https://creativecommons.org/licenses/by-sa/3.0/", "ViralEffect-ShareAlike", "cc-by-sa",
     "Creative Commons Attribution Share-Alike", true},
    {"ODbL-1.0", "ODC_BL", "Open Data Commons Open Database License 1.0",
     "https://opendatacommons.org/licenses/odbl/1-0/", "ViralEffect-ShareAlike", "odc-odbl",
     "Open Data Commons Open Database License (ODbL)", true},
    {"ODC-By-1.0", "ODC_BY", "Open Data Commons Attribution License 1.0",
     "https://opendatacommons.org/licenses/by/1-0/", "Attribution", "odc-by",
     "Open Data Commons Attribution License", true},
    {"PDDL-1.0", "ODC_PDDL", "Open Data Commons Public Domain Dedication and License 1.0",
     "https://opendatacommons.org/licenses/pddl/1-0/", "PublicDomain", "odc-pddl",
     "Open Data Commons Public Domain Dedication and License (PDDL)", true},
    {"GFDL-1.3-only", "GNU_FDL_1_3", "GNU Free Documentation License 1.3",
     "https://www.gnu.org/licenses/fdl-1.3.html", "ViralEffect-ShareAlike", "gfdl",
     "GNU Free Documentation License", true},
    {"GFDL-1.3-or-later", "GNU_FDL_1_3", "GNU Free Documentation License 1.3",
     "https://www.gnu.org/licenses/fdl-1.3.html", "ViralEffect-ShareAlike", "gfdl",
     "GNU Free Documentation License", true},
    {"OGL-UK-3.0", "OGL_3_0", "Open Government Licence 3.0",
     "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "Attribution",
     "uk-ogl", "UK Open Government Licence (OGL)", true},
}};

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  for (char& symbol : lower) {
    symbol = static_cast<char>(std::tolower(static_cast<unsigned char>(symbol)));
  }
  return lower;
}

// A URL reduced for comparison: lower-case, without scheme, "www." and trailing slashes.
std::string NormalizeUrl(std::string_view url) {
  std::string normalized = Lowercase(url);
  for (std::string_view scheme : {"https://", "http://"}) {
    if (normalized.starts_with(scheme)) {
      normalized.erase(0, scheme.size());
      break;
    }
  }
  if (normalized.starts_with("www.")) normalized.erase(0, 4);
  while (!normalized.empty() && normalized.back() == '/') normalized.pop_back();
  return normalized;
}

LicenceInfo FromEntry(const LicenceEntry& entry) {
  LicenceInfo info;
  info.known = true;
  info.spdx_id = std::string(entry.spdx_id);
  info.iri = std::string(kEuLicence) + std::string(entry.eu_code);
  info.title = std::string(entry.title);
  info.type_iri = std::string(kLicenceType) + std::string(entry.adms_type);
  info.ckan_id = std::string(entry.ckan_id.empty() ? entry.spdx_id : entry.ckan_id);
  info.ckan_title = std::string(entry.ckan_id.empty() ? entry.title : entry.ckan_title);
  info.url = std::string(entry.url);
  info.is_open = entry.is_open;
  return info;
}

}  // namespace

LicenceInfo DescribeLicence(std::string_view licence) {
  bool is_url = licence.find("://") != std::string_view::npos;
  if (!is_url) {
    std::string lower = Lowercase(licence);
    for (const LicenceEntry& entry : kLicences) {
      if (Lowercase(entry.spdx_id) == lower) return FromEntry(entry);
    }
    LicenceInfo info;
    info.spdx_id = std::string(licence);
    info.iri = "http://spdx.org/licenses/" + EncodeIriSegment(licence);
    info.title = std::string(licence);
    info.ckan_id = std::string(licence);
    info.ckan_title = std::string(licence);
    return info;
  }
  std::string normalized = NormalizeUrl(licence);
  for (const LicenceEntry& entry : kLicences) {
    if (normalized == NormalizeUrl(entry.url) ||
        normalized == NormalizeUrl(std::string(kEuLicence) + std::string(entry.eu_code))) {
      return FromEntry(entry);
    }
  }
  LicenceInfo info;
  info.iri = SanitizeIri(licence);
  info.title = std::string(licence);
  info.ckan_id = std::string(licence);
  info.ckan_title = std::string(licence);
  info.url = std::string(licence);
  return info;
}

std::string_view RestrictiveTermsTypeIri() {
  return "http://purl.org/adms/licencetype/OtherRestrictiveClauses";
}

}  // namespace gongshu
