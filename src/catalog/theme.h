// Themes (主题分类): the taxonomy resources are filed under. The default taxonomy
// (data/themes.tsv, built in) has twenty themes; a deployment may replace it with its own file
// (setting catalog.themes_file). Each theme maps to a concept of the EU data theme vocabulary so
// DCAT-AP consumers can place it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu {

struct Theme {
  std::string id;        // stable ASCII id: "transport"
  std::string name;      // 交通运输
  std::string name_en;   // Transport
  std::string eu_theme;  // EU data theme code: "TRAN"
};

class ThemeTaxonomy {
 public:
  // Parses a theme file: UTF-8, one theme per line, `id<TAB>name<TAB>name_en<TAB>eu_theme`;
  // empty lines and lines starting with '#' are skipped. InvalidArgument naming the line for a
  // wrong number of cells, an id that is not [a-z0-9_]+, a duplicate id, or an unknown EU code.
  static Result<ThemeTaxonomy> Parse(std::string_view text);
  // The built-in default taxonomy.
  static const ThemeTaxonomy& Default();

  const std::vector<Theme>& themes() const { return themes_; }
  // nullptr when no theme has this id.
  const Theme* Find(std::string_view id) const;

 private:
  std::vector<Theme> themes_;
};

}  // namespace gongshu
