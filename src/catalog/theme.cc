#include "catalog/theme.h"

#include <set>

namespace gongshu {

// data/themes.tsv, embedded at build time.
const std::string& DefaultThemesText();

namespace {

// The EU data theme vocabulary's codes.
const std::set<std::string, std::less<>>& EuThemes() {
  static const std::set<std::string, std::less<>> kCodes = {
      "AGRI", "ECON", "EDUC",      "ENER", "ENVI", "GOVE", "HEAL",
      "INTR", "JUST", "OP_DATPRO", "REGI", "SOCI", "TECH", "TRAN"};
  return kCodes;
}

bool IsThemeId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char symbol : id) {
    bool ok = (symbol >= 'a' && symbol <= 'z') || (symbol >= '0' && symbol <= '9') || symbol == '_';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cells.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return cells;
    start = tab + 1;
  }
}

}  // namespace

Result<ThemeTaxonomy> ThemeTaxonomy::Parse(std::string_view text) {
  ThemeTaxonomy taxonomy;
  std::set<std::string, std::less<>> ids;
  int line_number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::string where = "line " + std::to_string(line_number);
    std::vector<std::string> cells = SplitTabs(line);
    if (cells.size() != 4) {
      return Status::InvalidField(where,
                                  "needs 4 tab-separated cells: id, name, name_en, eu_theme");
    }
    if (!IsThemeId(cells[0])) return Status::InvalidField(where, "id must be [a-z0-9_]+");
    if (cells[1].empty() || cells[2].empty()) return Status::InvalidField(where, "names are empty");
    if (EuThemes().count(cells[3]) == 0) {
      return Status::InvalidField(where, "unknown EU data theme " + cells[3]);
    }
    if (!ids.insert(cells[0]).second) {
      return Status::InvalidField(where, "duplicate theme id " + cells[0]);
    }
    taxonomy.themes_.push_back({cells[0], cells[1], cells[2], cells[3]});
  }
  if (taxonomy.themes_.empty()) return Status::InvalidArgument("the theme file has no themes");
  return taxonomy;
}

const ThemeTaxonomy& ThemeTaxonomy::Default() {
  static const ThemeTaxonomy kDefault = *Parse(DefaultThemesText());
  return kDefault;
}

const Theme* ThemeTaxonomy::Find(std::string_view id) const {
  for (const Theme& theme : themes_) {
    if (theme.id == id) return &theme;
  }
  return nullptr;
}

}  // namespace gongshu
