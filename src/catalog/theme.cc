#include "catalog/theme.h"

#include <set>

#include "common/data_lines.h"

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

}  // namespace

Result<ThemeTaxonomy> ThemeTaxonomy::Parse(std::string_view text) {
  ThemeTaxonomy taxonomy;
  std::set<std::string, std::less<>> ids;
  for (const DataLine& line : DataLines(text)) {
    std::string where = "line " + std::to_string(line.number);
    std::vector<std::string> cells(line.cells.begin(), line.cells.end());
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
