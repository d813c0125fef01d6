#include "tabular/xlsx_package.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>

namespace gongshu::tabular {
namespace {

std::string_view LocalName(const char* name) {
  std::string_view text(name);
  std::size_t colon = text.rfind(':');
  return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

int HexValue(char symbol) {
  if (symbol >= '0' && symbol <= '9') return symbol - '0';
  if (symbol >= 'a' && symbol <= 'f') return symbol - 'a' + 10;
  if (symbol >= 'A' && symbol <= 'F') return symbol - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& text, unsigned code_point) {
  if (code_point < 0x80) {
    text += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    text += static_cast<char>(0xC0 | (code_point >> 6));
    text += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    text += static_cast<char>(0xE0 | (code_point >> 12));
    text += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    text += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

}  // namespace

Result<std::unique_ptr<XlsxPackage>> XlsxPackage::Open(const std::string& path) {
  int error_code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY, &error_code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::InvalidArgument("the file is not a readable XLSX workbook (zip: " + reason +
                                   ")");
  }
  return std::unique_ptr<XlsxPackage>(new XlsxPackage(archive));
}

XlsxPackage::~XlsxPackage() { zip_discard(archive_); }

bool XlsxPackage::HasPart(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

void XmlHandler::Pause() { XML_StopParser(parser_->parser_, XML_TRUE); }

void XmlHandler::Abort(Status error) {
  if (parser_->abort_error_.ok()) parser_->abort_error_ = std::move(error);
  XML_StopParser(parser_->parser_, XML_FALSE);
}

XmlPartParser::XmlPartParser(std::string name, XmlHandler& handler, std::size_t chunk_bytes)
    : name_(std::move(name)), handler_(&handler), chunk_(std::max<std::size_t>(chunk_bytes, 1)) {}

XmlPartParser::~XmlPartParser() {
  if (parser_ != nullptr) XML_ParserFree(parser_);
  if (file_ != nullptr) zip_fclose(file_);
}

Result<std::unique_ptr<XmlPartParser>> XmlPartParser::Open(const XlsxPackage& package,
                                                           const std::string& name,
                                                           XmlHandler& handler,
                                                           std::size_t chunk_bytes) {
  std::unique_ptr<XmlPartParser> parser(new XmlPartParser(name, handler, chunk_bytes));
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(package.archive_, name.c_str(), ZIP_FL_NOCASE, &stat) != 0) {
    return Status::InvalidArgument("the XLSX file has no part " + name);
  }
  if ((stat.valid & ZIP_STAT_SIZE) != 0) parser->size_ = stat.size;
  if ((stat.valid & ZIP_STAT_COMP_SIZE) != 0) parser->compressed_size_ = stat.comp_size;
  parser->file_ = zip_fopen(package.archive_, name.c_str(), ZIP_FL_NOCASE);
  if (parser->file_ == nullptr) {
    return Status::InvalidArgument("the XLSX file is damaged: cannot read " + name + " (" +
                                   zip_strerror(package.archive_) + ")");
  }
  parser->parser_ = XML_ParserCreate(nullptr);
  if (parser->parser_ == nullptr) return Status::Internal("expat cannot create a parser");
  handler.parser_ = parser.get();
  XML_SetUserData(parser->parser_, &handler);
  XML_SetElementHandler(
      parser->parser_,
      [](void* data, const XML_Char* element, const XML_Char** attributes) {
        static_cast<XmlHandler*>(data)->StartElement(LocalName(element), attributes);
      },
      [](void* data, const XML_Char* element) {
        static_cast<XmlHandler*>(data)->EndElement(LocalName(element));
      });
  XML_SetCharacterDataHandler(parser->parser_, [](void* data, const XML_Char* text, int size) {
    static_cast<XmlHandler*>(data)->Text(std::string_view(text, static_cast<std::size_t>(size)));
  });
  // No part of a workbook has a DTD; refusing them keeps entity expansion out entirely.
  XML_SetStartDoctypeDeclHandler(
      parser->parser_, [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        static_cast<XmlHandler*>(data)->Abort(
            Status::InvalidArgument("the XLSX file is damaged: an XML part has a DTD"));
      });
  return parser;
}

Status XmlPartParser::XmlError() const {
  if (!abort_error_.ok()) return abort_error_;
  return Status::InvalidArgument("the XLSX file is damaged: " + name_ + " line " +
                                 std::to_string(XML_GetCurrentLineNumber(parser_)) + ", column " +
                                 std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + ": " +
                                 XML_ErrorString(XML_GetErrorCode(parser_)));
}

Result<bool> XmlPartParser::Parse() {
  while (true) {
    XML_Status status;
    if (suspended_) {
      suspended_ = false;
      status = XML_ResumeParser(parser_);
    } else {
      if (finished_) return false;
      zip_int64_t got = zip_fread(file_, chunk_.data(), chunk_.size());
      if (got < 0) {
        return Status::InvalidArgument("the XLSX file is damaged: " + name_ + ": " +
                                       zip_file_strerror(file_));
      }
      bytes_read_ += static_cast<std::uint64_t>(got);
      fed_final_ = got == 0;
      status = XML_Parse(parser_, chunk_.data(), static_cast<int>(got), fed_final_);
    }
    if (status == XML_STATUS_SUSPENDED) {
      suspended_ = true;
      return true;
    }
    if (status == XML_STATUS_ERROR) return XmlError();
    if (fed_final_) {
      finished_ = true;
      return false;
    }
  }
}

Status ParseXmlPart(const XlsxPackage& package, const std::string& name, XmlHandler& handler,
                    std::size_t chunk_bytes) {
  Result<std::unique_ptr<XmlPartParser>> parser =
      XmlPartParser::Open(package, name, handler, chunk_bytes);
  if (!parser.ok()) return parser.status();
  while (true) {
    Result<bool> more = (*parser)->Parse();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
  }
}

const char* XmlAttribute(const char** attributes, std::string_view name) {
  for (const char** attribute = attributes; *attribute != nullptr; attribute += 2) {
    if (LocalName(*attribute) == name) return attribute[1];
  }
  return nullptr;
}

std::string ResolvePartName(std::string_view source_part, std::string_view target) {
  std::vector<std::string_view> segments;
  if (!target.empty() && target.front() == '/') {
    target.remove_prefix(1);
  } else {
    std::size_t slash = source_part.rfind('/');
    std::string_view directory =
        slash == std::string_view::npos ? std::string_view() : source_part.substr(0, slash);
    while (!directory.empty()) {
      std::size_t next = directory.find('/');
      segments.push_back(directory.substr(0, next));
      directory = next == std::string_view::npos ? std::string_view() : directory.substr(next + 1);
    }
  }
  while (!target.empty()) {
    std::size_t next = target.find('/');
    std::string_view segment = target.substr(0, next);
    target = next == std::string_view::npos ? std::string_view() : target.substr(next + 1);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
  }
  std::string name;
  for (std::string_view segment : segments) {
    if (!name.empty()) name += '/';
    name += segment;
  }
  return name;
}

std::string RelationshipsPartName(std::string_view part) {
  std::size_t slash = part.rfind('/');
  if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
  return std::string(part.substr(0, slash)) + "/_rels/" + std::string(part.substr(slash + 1)) +
         ".rels";
}

std::string DecodeOoxmlEscapes(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t index = 0; index < text.size(); ++index) {
    if (text[index] == '_' && index + 6 < text.size() && text[index + 1] == 'x' &&
        text[index + 6] == '_') {
      int value = 0;
      bool hex = true;
      for (std::size_t digit = index + 2; digit < index + 6; ++digit) {
        int digit_value = HexValue(text[digit]);
        hex = hex && digit_value >= 0;
        value = value * 16 + std::max(digit_value, 0);
      }
      // A surrogate code unit alone is no character: leave such an escape as it is.
      if (hex && (value < 0xD800 || value > 0xDFFF)) {
        AppendUtf8(decoded, static_cast<unsigned>(value));
        index += 6;
        continue;
      }
    }
    decoded += text[index];
  }
  return decoded;
}

}  // namespace gongshu::tabular
