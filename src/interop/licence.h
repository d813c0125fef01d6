// Licences: what a resource's `license` element (an SPDX id or a URL) means for DCAT-AP (an EU
// licence authority IRI and an ADMS licence type) and for CKAN (a license_id of CKAN's default
// list, with its title and URL). One table serves both so the two outputs never disagree.
#pragma once

#include <string>
#include <string_view>

namespace gongshu {

struct LicenceInfo {
  bool known = false;   // in Gongshu's table (docs/dcat-ap.md); the fields below are then exact
  std::string spdx_id;  // "CC-BY-4.0"; empty for a URL the table does not know
  // The IRI DCAT-AP output uses: the EU licence authority concept when there is one, else the SPDX
  // licence list IRI, else the URL as given (sanitized).
  std::string iri;
  std::string title;       // English title
  std::string type_iri;    // ADMS licence type (http://purl.org/adms/licencetype/...); may be empty
  std::string ckan_id;     // CKAN 2.10 default licence id ("cc-by"), else the element as given
  std::string ckan_title;  // CKAN's title for ckan_id, else `title`
  std::string url;         // a page with the licence text; may be empty
  bool is_open = false;    // conforms to the Open Definition (CKAN's `isopen`)
};

// Describes `licence`: an SPDX id (matched case-insensitively) or a URL. A URL of a licence in
// the table (the Creative Commons or Open Data Commons page, with or without "www.", http or
// https, trailing slash or not, or the EU authority IRI) is recognised as that licence. Anything
// else is described as itself with `known` false. REQUIRES: `licence` is not empty.
LicenceInfo DescribeLicence(std::string_view licence);

// The ADMS licence type for terms that are conditions rather than a licence: "Other restrictive
// clauses".
std::string_view RestrictiveTermsTypeIri();

}  // namespace gongshu
