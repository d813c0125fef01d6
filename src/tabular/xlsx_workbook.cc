#include "tabular/xlsx_workbook.h"

#include <charconv>
#include <map>
#include <unordered_map>
#include <utility>

namespace gongshu::tabular {
namespace {

int ParseInt(const char* text, int fallback) {
  if (text == nullptr) return fallback;
  int value = fallback;
  std::string_view view(text);
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  return error == std::errc() && end == view.data() + view.size() ? value : fallback;
}

bool IsTrue(const char* text) {
  return text != nullptr && (std::string_view(text) == "1" || std::string_view(text) == "true");
}

struct Relationship {
  std::string type;    // the last segment of the type URI: "worksheet", "sharedStrings", ...
  std::string target;  // resolved part name
};

// A _rels part: relationship id -> type and resolved target (external targets left out).
class RelationshipsHandler : public XmlHandler {
 public:
  explicit RelationshipsHandler(std::string source_part) : source_part_(std::move(source_part)) {}
  void StartElement(std::string_view name, const char** attributes) override {
    if (name != "Relationship") return;
    const char* id = XmlAttribute(attributes, "Id");
    const char* type = XmlAttribute(attributes, "Type");
    const char* target = XmlAttribute(attributes, "Target");
    const char* mode = XmlAttribute(attributes, "TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    if (mode != nullptr && std::string_view(mode) == "External") return;
    std::string_view type_uri(type);
    std::size_t slash = type_uri.rfind('/');
    relationships_[id] = Relationship{
        std::string(slash == std::string_view::npos ? type_uri : type_uri.substr(slash + 1)),
        ResolvePartName(source_part_, target)};
  }
  void EndElement(std::string_view /*name*/) override {}
  void Text(std::string_view /*text*/) override {}

  const std::map<std::string, Relationship>& relationships() const { return relationships_; }

 private:
  std::string source_part_;
  std::map<std::string, Relationship> relationships_;
};

class WorkbookHandler : public XmlHandler {
 public:
  void StartElement(std::string_view name, const char** attributes) override {
    if (name == "workbookPr") {
      date1904 = IsTrue(XmlAttribute(attributes, "date1904"));
    } else if (name == "sheet") {
      const char* sheet_name = XmlAttribute(attributes, "name");
      const char* id = XmlAttribute(attributes, "id");  // r:id
      const char* state = XmlAttribute(attributes, "state");
      XlsxSheet sheet;
      sheet.name = sheet_name != nullptr ? sheet_name : "";
      sheet.hidden = state != nullptr && std::string_view(state) != "visible";
      sheets.push_back(std::move(sheet));
      ids.emplace_back(id != nullptr ? id : "");
    }
  }
  void EndElement(std::string_view /*name*/) override {}
  void Text(std::string_view /*text*/) override {}

  bool date1904 = false;
  std::vector<XlsxSheet> sheets;
  std::vector<std::string> ids;
};

class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(SharedStrings& strings, std::size_t max_bytes)
      : strings_(&strings), max_bytes_(max_bytes) {}
  void StartElement(std::string_view name, const char** /*attributes*/) override {
    if (name == "si") {
      item_.clear();
      in_item_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
  }
  void EndElement(std::string_view name) override {
    if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "si") {
      in_item_ = false;
      strings_->Add(item_.find("_x") == std::string::npos ? item_ : DecodeOoxmlEscapes(item_));
      if (strings_->text_bytes() > max_bytes_) {
        Abort(Status::InvalidArgument("the shared strings of the XLSX file are longer than " +
                                      ByteSizeText(max_bytes_)));
      }
    }
  }
  void Text(std::string_view text) override {
    if (in_text_) item_ += text;
  }

 private:
  SharedStrings* strings_;
  std::size_t max_bytes_;
  std::string item_;
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

class StylesHandler : public XmlHandler {
 public:
  void StartElement(std::string_view name, const char** attributes) override {
    if (name == "numFmts") {
      in_number_formats_ = true;
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "numFmt" && in_number_formats_) {
      const char* code = XmlAttribute(attributes, "formatCode");
      int id = ParseInt(XmlAttribute(attributes, "numFmtId"), -1);
      if (id >= 0 && code != nullptr) custom_kinds_[id] = ClassifyNumberFormat(code);
    } else if (name == "xf" && in_cell_formats_) {
      format_ids_.push_back(ParseInt(XmlAttribute(attributes, "numFmtId"), 0));
    }
  }
  void EndElement(std::string_view name) override {
    if (name == "numFmts") in_number_formats_ = false;
    if (name == "cellXfs") in_cell_formats_ = false;
  }
  void Text(std::string_view /*text*/) override {}

  std::vector<NumberFormatKind> Kinds() const {
    std::vector<NumberFormatKind> kinds;
    kinds.reserve(format_ids_.size());
    for (int id : format_ids_) {
      auto custom = custom_kinds_.find(id);
      kinds.push_back(custom != custom_kinds_.end() ? custom->second : BuiltInNumberFormatKind(id));
    }
    return kinds;
  }

 private:
  bool in_number_formats_ = false;
  bool in_cell_formats_ = false;
  std::unordered_map<int, NumberFormatKind> custom_kinds_;
  std::vector<int> format_ids_;
};

Result<std::map<std::string, Relationship>> ReadRelationships(const XlsxPackage& package,
                                                              const std::string& source_part,
                                                              const ReadLimits& limits) {
  RelationshipsHandler handler(source_part);
  std::string name = RelationshipsPartName(source_part);
  if (!package.HasPart(name)) return std::map<std::string, Relationship>();
  GONGSHU_RETURN_IF_ERROR(ParseXmlPart(package, name, handler, limits.chunk_bytes));
  return handler.relationships();
}

}  // namespace

Result<XlsxWorkbook> ReadXlsxWorkbook(const XlsxPackage& package, const ReadLimits& limits) {
  XlsxWorkbook workbook;
  workbook.part = "xl/workbook.xml";
  Result<std::map<std::string, Relationship>> package_relationships =
      ReadRelationships(package, "", limits);
  if (!package_relationships.ok()) return package_relationships.status();
  for (const auto& [id, relationship] : *package_relationships) {
    if (relationship.type == "officeDocument") workbook.part = relationship.target;
  }
  if (!package.HasPart(workbook.part)) {
    return Status::InvalidArgument(
        "the file is a zip archive but not an XLSX workbook (it has no " + workbook.part + ")");
  }
  WorkbookHandler workbook_handler;
  GONGSHU_RETURN_IF_ERROR(
      ParseXmlPart(package, workbook.part, workbook_handler, limits.chunk_bytes));
  workbook.date1904 = workbook_handler.date1904;
  if (workbook_handler.sheets.empty()) {
    return Status::InvalidArgument("the XLSX workbook has no sheets");
  }

  Result<std::map<std::string, Relationship>> relationships =
      ReadRelationships(package, workbook.part, limits);
  if (!relationships.ok()) return relationships.status();
  workbook.sheets = std::move(workbook_handler.sheets);
  for (std::size_t index = 0; index < workbook.sheets.size(); ++index) {
    auto found = relationships->find(workbook_handler.ids[index]);
    if (found == relationships->end()) continue;
    workbook.sheets[index].part = found->second.target;
    workbook.sheets[index].worksheet = found->second.type == "worksheet";
  }
  std::string shared_strings_part;
  std::string styles_part;
  for (const auto& [id, relationship] : *relationships) {
    if (relationship.type == "sharedStrings") shared_strings_part = relationship.target;
    if (relationship.type == "styles") styles_part = relationship.target;
  }

  if (!shared_strings_part.empty() && package.HasPart(shared_strings_part)) {
    SharedStringsHandler handler(workbook.shared_strings, limits.max_shared_strings_bytes);
    GONGSHU_RETURN_IF_ERROR(
        ParseXmlPart(package, shared_strings_part, handler, limits.chunk_bytes));
  }
  if (!styles_part.empty() && package.HasPart(styles_part)) {
    StylesHandler handler;
    GONGSHU_RETURN_IF_ERROR(ParseXmlPart(package, styles_part, handler, limits.chunk_bytes));
    workbook.style_kinds = handler.Kinds();
  }
  return workbook;
}

Result<const XlsxSheet*> ChooseSheet(const XlsxWorkbook& workbook, std::string_view name) {
  const XlsxSheet* chosen = nullptr;
  if (name.empty()) {
    for (const XlsxSheet& sheet : workbook.sheets) {
      if (!sheet.hidden) {
        chosen = &sheet;
        break;
      }
    }
    if (chosen == nullptr) chosen = &workbook.sheets.front();
  } else {
    for (const XlsxSheet& sheet : workbook.sheets) {
      if (sheet.name == name) chosen = &sheet;
    }
    if (chosen == nullptr) {
      std::string names;
      for (const XlsxSheet& sheet : workbook.sheets) {
        names += names.empty() ? "\"" : ", \"";
        names += sheet.name + "\"";
      }
      return Status::InvalidArgument("the workbook has no sheet named \"" + std::string(name) +
                                     "\"; its sheets are " + names);
    }
  }
  if (!chosen->worksheet) {
    return Status::InvalidArgument("sheet \"" + chosen->name + "\" is a chart sheet, not a table");
  }
  if (chosen->part.empty()) {
    return Status::InvalidArgument("the XLSX file is damaged: sheet \"" + chosen->name +
                                   "\" has no part");
  }
  return chosen;
}

}  // namespace gongshu::tabular
