// The tables the demo catalog is generated from (src/demo/data/*.tsv, built in): regions,
// provider organizations, shared items and resource concepts. Each file's header comment is its
// format. Internal to src/demo: other parts call demo_catalog.h.
//
// Parsing checks what the generator relies on, so that a mistake in a table is reported with its
// line rather than producing resources the catalog would refuse: known themes, provider kinds and
// regions; templates with known placeholders; item names, types and grades; and the catalog's
// binding rules where a concept alone decides them (core data is not opened, direct identifiers
// are not opened unconditionally).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/resource.h"
#include "common/status.h"

namespace gongshu {

struct DemoRegion {
  std::string code;                  // GB/T 2260
  std::string name;                  // 福州市
  std::string parent_code;           // empty for the top region
  std::string mail_domain;           // empty when the region holds no providers
  std::string area_code;             // telephone area code ("0591"); empty likewise
  std::vector<size_t> subdivisions;  // indexes of the regions whose parent this is, in file order
};

struct DemoProviderRow {
  std::string kind;  // what concepts name ("transport")
  std::string name;
  std::string type;  // organization type name: department | public_institution
  std::string division_code;
  std::string uscc_body;  // 17 characters; the check character is not stored
  size_t region = 0;      // index into DemoTables::regions
};

// A template with placeholders {region}, {year}, {provider} and {count}.
class DemoTemplate {
 public:
  enum class Slot { kText, kRegion, kYear, kProvider, kCount };
  struct Part {
    Slot slot = Slot::kText;
    std::string text;  // for kText
  };
  struct Values {
    std::string_view region;
    std::string_view provider;
    int year = 0;
    int count = 0;
  };

  // InvalidArgument naming an unknown or unclosed placeholder.
  static Result<DemoTemplate> Parse(std::string_view text);

  bool Has(Slot slot) const;
  // Appends the template with `values` filled in to `out`.
  void Render(const Values& values, std::string* out) const;

 private:
  std::vector<Part> parts_;
};

struct DemoItemSpec {
  Item item;
  bool optional = false;  // a resource may leave the item out
};

struct DemoConcept {
  std::string id;
  std::vector<std::string> themes;
  std::string provider_kind;
  // Empty: every provider of the kind. Otherwise "city", "province" or division codes.
  std::vector<std::string> provider_scope;
  std::vector<std::string> classification;  // 类, 项, 目, 细目 (1 to 4 levels), with {theme} and
                                            // {provider} still in them
  DemoTemplate name;
  DemoTemplate summary;
  std::vector<std::string> keywords;
  std::vector<std::string> formats;
  UpdateCycle update_cycle = UpdateCycle::kIrregular;
  AccessAttribute sharing = AccessAttribute::kConditional;
  AccessAttribute opening = AccessAttribute::kNone;
  Grade grade;  // the least grade; the generated one also covers every item
  std::vector<DemoItemSpec> items;
};

struct DemoTables {
  std::vector<DemoRegion> regions;
  std::vector<DemoProviderRow> providers;
  std::vector<DemoConcept> concepts;

  // Whether `provider` may hold `concept` (same kind, inside the concept's scope).
  bool Holds(const DemoProviderRow& provider, const DemoConcept& demo_concept) const;
};

// Parses the four tables. InvalidArgument naming the table and line of the first problem.
Result<DemoTables> ParseDemoTables(std::string_view regions, std::string_view providers,
                                   std::string_view items, std::string_view concepts);

// The built-in tables, parsed once. REQUIRES: they parse (a unit test keeps it so); the process
// aborts otherwise, since that is a bug of the build, not of any input.
const DemoTables& BuiltInDemoTables();

}  // namespace gongshu
