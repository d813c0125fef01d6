#include "demo/demo_tables.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "catalog/theme.h"

namespace gongshu {

// The built-in tables, embedded at build time (src/demo/CMakeLists.txt).
const std::string& DemoRegionsText();
const std::string& DemoProvidersText();
const std::string& DemoItemsText();
const std::string& DemoConceptsText();

namespace {

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// Non-empty comma-separated values; an empty cell gives none.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> values;
  if (text.empty()) return values;
  for (std::string& value : Split(text, ',')) {
    if (!value.empty()) values.push_back(std::move(value));
  }
  return values;
}

struct Line {
  int number = 0;
  std::vector<std::string> cells;
};

// The data lines of a table: '#' comments and empty lines skipped, cells split at tabs.
std::vector<Line> DataLines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (const std::string& raw : Split(text, '\n')) {
    ++number;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    lines.push_back({number, Split(line, '\t')});
  }
  return lines;
}

Status LineError(std::string_view table, int line, const std::string& message) {
  return Status::InvalidArgument(std::string(table) + " line " + std::to_string(line) + ": " +
                                 message);
}

bool IsIdentifier(std::string_view text) {
  if (text.empty()) return false;
  for (char symbol : text) {
    bool ok = (symbol >= 'a' && symbol <= 'z') || (symbol >= '0' && symbol <= '9') || symbol == '_';
    if (!ok) return false;
  }
  return true;
}

bool IsItemName(std::string_view text) {
  return IsIdentifier(text) && text.size() <= 64 && text[0] >= 'a' && text[0] <= 'z';
}

bool IsDigits(std::string_view text, size_t length) {
  if (text.size() != length) return false;
  for (char symbol : text) {
    if (symbol < '0' || symbol > '9') return false;
  }
  return true;
}

std::optional<Grade> ParseShortGrade(std::string_view text) {
  if (text.size() != 1) return std::nullopt;
  if (text[0] >= '1' && text[0] <= '4') return Grade{GradeLevel::kGeneral, text[0] - '0'};
  if (text[0] == 'I') return Grade{GradeLevel::kImportant, 0};
  if (text[0] == 'C') return Grade{GradeLevel::kCore, 0};
  return std::nullopt;
}

std::optional<PersonalData> ParseShortPersonal(std::string_view text) {
  if (text.empty()) return PersonalData::kNone;
  if (text == "D") return PersonalData::kDirectIdentifier;
  if (text == "Q") return PersonalData::kQuasiIdentifier;
  if (text == "S") return PersonalData::kSensitive;
  return std::nullopt;
}

// Parses `title<sep>type<sep>grade[<sep>personal]` cells into `item`; an error message or "".
std::string ParseItemCells(const std::vector<std::string>& cells, Item* item) {
  if (cells.size() < 3 || cells.size() > 4) return "expected title, type, grade and personal";
  item->title = cells[0];
  if (item->title.empty()) return "the title is empty";
  std::optional<ItemType> type = ParseItemType(cells[1]);
  if (!type) return "unknown item type " + cells[1];
  item->type = *type;
  std::optional<Grade> grade = ParseShortGrade(cells[2]);
  if (!grade) return "grade must be 1-4, I or C, got " + cells[2];
  item->sensitivity = *grade;
  std::optional<PersonalData> personal = ParseShortPersonal(cells.size() == 4 ? cells[3] : "");
  if (!personal) return "personal must be D, Q or S, got " + cells[3];
  item->personal = *personal;
  return "";
}

Status ParseRegions(std::string_view text, DemoTables* tables) {
  std::map<std::string, size_t> by_code;
  for (const Line& line : DataLines(text)) {
    if (line.cells.size() != 3 && line.cells.size() != 5) {
      return LineError("regions.tsv", line.number, "expected 3 or 5 cells");
    }
    DemoRegion region;
    region.code = line.cells[0];
    region.name = line.cells[1];
    region.parent_code = line.cells[2];
    if (line.cells.size() == 5) {
      region.mail_domain = line.cells[3];
      region.area_code = line.cells[4];
    }
    if (!IsDigits(region.code, 6) || region.name.empty()) {
      return LineError("regions.tsv", line.number, "a region needs a six-digit code and a name");
    }
    if (!by_code.emplace(region.code, tables->regions.size()).second) {
      return LineError("regions.tsv", line.number, "duplicate region " + region.code);
    }
    tables->regions.push_back(std::move(region));
  }
  for (size_t index = 0; index < tables->regions.size(); ++index) {
    const std::string& parent = tables->regions[index].parent_code;
    if (parent.empty()) continue;
    auto found = by_code.find(parent);
    if (found == by_code.end()) {
      return Status::InvalidArgument("regions.tsv: unknown parent " + parent + " of " +
                                     tables->regions[index].code);
    }
    tables->regions[found->second].subdivisions.push_back(index);
  }
  return Status::Ok();
}

Status ParseProviders(std::string_view text, DemoTables* tables) {
  std::set<std::string> names;
  std::set<std::string> uscc_bodies;
  std::set<std::pair<std::string, std::string>> kinds_in_regions;
  for (const Line& line : DataLines(text)) {
    if (line.cells.size() != 5) return LineError("providers.tsv", line.number, "expected 5 cells");
    DemoProviderRow provider;
    provider.kind = line.cells[0];
    provider.name = line.cells[1];
    provider.type = line.cells[2];
    provider.division_code = line.cells[3];
    provider.uscc_body = line.cells[4];
    if (!IsIdentifier(provider.kind)) {
      return LineError("providers.tsv", line.number, "the kind must be [a-z0-9_]+");
    }
    if (provider.type != "department" && provider.type != "public_institution") {
      return LineError("providers.tsv", line.number,
                       "the type must be department or public_institution");
    }
    bool found = false;
    for (size_t index = 0; index < tables->regions.size(); ++index) {
      const DemoRegion& region = tables->regions[index];
      if (region.code == provider.division_code && !region.mail_domain.empty()) {
        provider.region = index;
        found = true;
      }
    }
    if (!found) {
      return LineError("providers.tsv", line.number,
                       "division " + provider.division_code + " is not a provider region");
    }
    if (provider.uscc_body.size() != 17 ||
        provider.uscc_body.substr(2, 6) != provider.division_code) {
      return LineError("providers.tsv", line.number,
                       "the USCC body must have 17 characters with the division code at 3-8");
    }
    if (!names.insert(provider.name).second || !uscc_bodies.insert(provider.uscc_body).second) {
      return LineError("providers.tsv", line.number, "duplicate provider name or USCC");
    }
    // Names are unique because a concept has one provider per region.
    if (!kinds_in_regions.emplace(provider.kind, provider.division_code).second) {
      return LineError("providers.tsv", line.number,
                       "a second " + provider.kind + " provider in " + provider.division_code);
    }
    tables->providers.push_back(std::move(provider));
  }
  return Status::Ok();
}

Status ParseSharedItems(std::string_view text, std::map<std::string, Item>* items) {
  for (const Line& line : DataLines(text)) {
    if (line.cells.size() != 4 && line.cells.size() != 5) {
      return LineError("items.tsv", line.number, "expected 4 or 5 cells");
    }
    Item item;
    item.name = line.cells[0];
    if (!IsItemName(item.name)) {
      return LineError("items.tsv", line.number, "the name must be [a-z][a-z0-9_]*");
    }
    std::vector<std::string> cells(line.cells.begin() + 1, line.cells.end());
    std::string error = ParseItemCells(cells, &item);
    if (!error.empty()) return LineError("items.tsv", line.number, error);
    if (!items->emplace(item.name, item).second) {
      return LineError("items.tsv", line.number, "duplicate item " + item.name);
    }
  }
  return Status::Ok();
}

// Parses the items cell of a concept; an error message or "".
std::string ParseConceptItems(std::string_view cell, const std::map<std::string, Item>& shared,
                              std::vector<DemoItemSpec>* items) {
  std::set<std::string> names;
  for (const std::string& entry : Split(cell, ';')) {
    std::string_view spec = entry;
    DemoItemSpec item;
    if (!spec.empty() && spec.front() == '?') {
      item.optional = true;
      spec.remove_prefix(1);
    }
    size_t equals = spec.find('=');
    if (equals == std::string_view::npos) {
      auto found = shared.find(std::string(spec));
      if (found == shared.end()) return "unknown shared item '" + std::string(spec) + "'";
      item.item = found->second;
    } else {
      item.item.name = std::string(spec.substr(0, equals));
      std::string error = ParseItemCells(Split(spec.substr(equals + 1), ':'), &item.item);
      if (!error.empty()) return "item " + item.item.name + ": " + error;
    }
    if (!IsItemName(item.item.name)) return "item name '" + item.item.name + "' is not valid";
    if (!names.insert(item.item.name).second) return "item " + item.item.name + " appears twice";
    items->push_back(std::move(item));
  }
  if (items->empty()) return "no items";
  return "";
}

Status ParseConcepts(std::string_view text, const std::map<std::string, Item>& shared,
                     DemoTables* tables) {
  const ThemeTaxonomy& themes = ThemeTaxonomy::Default();
  std::set<std::string> ids;
  for (const Line& line : DataLines(text)) {
    auto error = [&line](const std::string& message) {
      return LineError("concepts.tsv", line.number, message);
    };
    if (line.cells.size() != 13) return error("expected 13 cells");
    const std::vector<std::string>& cells = line.cells;
    DemoConcept demo_concept;
    demo_concept.id = cells[0];
    if (!IsIdentifier(demo_concept.id)) return error("the id must be [a-z0-9_]+");
    if (!ids.insert(demo_concept.id).second) return error("duplicate id " + demo_concept.id);
    demo_concept.themes = SplitList(cells[1]);
    if (demo_concept.themes.empty()) return error("no theme");
    for (const std::string& theme : demo_concept.themes) {
      if (themes.Find(theme) == nullptr) return error("unknown theme " + theme);
    }
    size_t at = cells[2].find('@');
    demo_concept.provider_kind = cells[2].substr(0, at);
    if (at != std::string::npos) demo_concept.provider_scope = SplitList(cells[2].substr(at + 1));
    demo_concept.classification = Split(cells[3], '/');
    static const std::set<std::string> kCategories = {"基础", "主题", "部门"};
    if (demo_concept.classification.size() > 4 ||
        kCategories.count(demo_concept.classification[0]) == 0) {
      return error("the classification is 基础, 主题 or 部门 and at most three levels below");
    }
    for (const std::string& level : demo_concept.classification) {
      if (level.empty()) return error("an empty classification level");
    }
    Result<DemoTemplate> name = DemoTemplate::Parse(cells[4]);
    if (!name.ok()) return error("name: " + name.status().message());
    demo_concept.name = std::move(*name);
    if (!demo_concept.name.Has(DemoTemplate::Slot::kRegion) ||
        demo_concept.name.Has(DemoTemplate::Slot::kProvider) ||
        demo_concept.name.Has(DemoTemplate::Slot::kCount)) {
      return error("the name holds {region}, may hold {year} and nothing else");
    }
    Result<DemoTemplate> summary = DemoTemplate::Parse(cells[5]);
    if (!summary.ok()) return error("summary: " + summary.status().message());
    demo_concept.summary = std::move(*summary);
    demo_concept.keywords = SplitList(cells[6]);
    demo_concept.formats = SplitList(cells[7]);
    if (demo_concept.keywords.empty() || demo_concept.formats.empty())
      return error("no keyword or format");
    for (const std::string& format : demo_concept.formats) {
      if (!IsIdentifier(format)) return error("format " + format + " is not lower-case");
    }
    std::optional<UpdateCycle> cycle = ParseUpdateCycle(cells[8]);
    std::optional<AccessAttribute> sharing = ParseAccessAttribute(cells[9]);
    std::optional<AccessAttribute> opening = ParseAccessAttribute(cells[10]);
    Result<Grade> grade = ParseGrade(cells[11]);
    if (!cycle || !sharing || !opening || !grade.ok()) {
      return error("unknown update cycle, sharing, opening or grade");
    }
    demo_concept.update_cycle = *cycle;
    demo_concept.sharing = *sharing;
    demo_concept.opening = *opening;
    demo_concept.grade = *grade;
    std::string items_error = ParseConceptItems(cells[12], shared, &demo_concept.items);
    if (!items_error.empty()) return error(items_error);

    Grade highest = demo_concept.grade;
    bool direct_identifiers = false;
    for (const DemoItemSpec& item : demo_concept.items) {
      highest = HigherGrade(highest, item.item.sensitivity);
      direct_identifiers |= item.item.personal == PersonalData::kDirectIdentifier;
    }
    if (highest.level == GradeLevel::kCore && demo_concept.opening != AccessAttribute::kNone) {
      return error("core data is never opened");
    }
    if (direct_identifiers && demo_concept.opening == AccessAttribute::kUnconditional) {
      return error("direct personal identifiers are not opened unconditionally");
    }
    bool held = false;
    for (const DemoProviderRow& provider : tables->providers)
      held |= tables->Holds(provider, demo_concept);
    if (!held) return error("no provider of kind " + cells[2]);
    tables->concepts.push_back(std::move(demo_concept));
  }
  return Status::Ok();
}

}  // namespace

Result<DemoTemplate> DemoTemplate::Parse(std::string_view text) {
  static const std::map<std::string_view, Slot> kSlots = {{"region", Slot::kRegion},
                                                          {"year", Slot::kYear},
                                                          {"provider", Slot::kProvider},
                                                          {"count", Slot::kCount}};
  DemoTemplate result;
  size_t start = 0;
  while (start < text.size()) {
    size_t open = text.find('{', start);
    if (open == std::string_view::npos) open = text.size();
    if (open > start)
      result.parts_.push_back({Slot::kText, std::string(text.substr(start, open - start))});
    if (open == text.size()) break;
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) {
      return Status::InvalidArgument("an unclosed placeholder");
    }
    auto slot = kSlots.find(text.substr(open + 1, close - open - 1));
    if (slot == kSlots.end()) {
      return Status::InvalidArgument("unknown placeholder " +
                                     std::string(text.substr(open, close - open + 1)));
    }
    result.parts_.push_back({slot->second, ""});
    start = close + 1;
  }
  return result;
}

bool DemoTemplate::Has(Slot slot) const {
  for (const Part& part : parts_) {
    if (part.slot == slot) return true;
  }
  return false;
}

void DemoTemplate::Render(const Values& values, std::string* out) const {
  for (const Part& part : parts_) {
    switch (part.slot) {
      case Slot::kText:
        out->append(part.text);
        break;
      case Slot::kRegion:
        out->append(values.region);
        break;
      case Slot::kProvider:
        out->append(values.provider);
        break;
      case Slot::kYear:
        out->append(std::to_string(values.year));
        break;
      case Slot::kCount:
        out->append(std::to_string(values.count));
        break;
    }
  }
}

bool DemoTables::Holds(const DemoProviderRow& provider, const DemoConcept& demo_concept) const {
  if (provider.kind != demo_concept.provider_kind) return false;
  if (demo_concept.provider_scope.empty()) return true;
  bool province = regions[provider.region].parent_code.empty();
  for (const std::string& scope : demo_concept.provider_scope) {
    if (scope == "province" && province) return true;
    if (scope == "city" && !province) return true;
    if (scope == provider.division_code) return true;
  }
  return false;
}

Result<DemoTables> ParseDemoTables(std::string_view regions, std::string_view providers,
                                   std::string_view items, std::string_view concepts) {
  DemoTables tables;
  GONGSHU_RETURN_IF_ERROR(ParseRegions(regions, &tables));
  GONGSHU_RETURN_IF_ERROR(ParseProviders(providers, &tables));
  std::map<std::string, Item> shared;
  GONGSHU_RETURN_IF_ERROR(ParseSharedItems(items, &shared));
  GONGSHU_RETURN_IF_ERROR(ParseConcepts(concepts, shared, &tables));
  if (tables.providers.empty() || tables.concepts.empty()) {
    return Status::InvalidArgument("the demo tables hold no provider or no concept");
  }
  return tables;
}

const DemoTables& BuiltInDemoTables() {
  static const DemoTables* const kTables = [] {
    Result<DemoTables> parsed = ParseDemoTables(DemoRegionsText(), DemoProvidersText(),
                                                DemoItemsText(), DemoConceptsText());
    if (!parsed.ok()) {
      std::fprintf(stderr, "built-in demo tables: %s\n", parsed.status().message().c_str());
      std::abort();
    }
    return new DemoTables(std::move(*parsed));
  }();
  return *kTables;
}

}  // namespace gongshu
