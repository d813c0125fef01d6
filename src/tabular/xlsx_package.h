// The zip package of an XLSX file and the streaming XML parser its parts are read with.
//
// libzip opens the archive and decompresses a part chunk by chunk; expat parses the chunks as
// they come, so no part is ever held whole in memory. Element and attribute names are matched
// by their local name (the part after any namespace prefix), since writers differ in prefixes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct zip;
struct zip_file;
struct XML_ParserStruct;

namespace gongshu::tabular {

class XlsxPackage {
 public:
  // InvalidArgument when `path` is not a zip archive libzip can open.
  static Result<std::unique_ptr<XlsxPackage>> Open(const std::string& path);
  ~XlsxPackage();
  XlsxPackage(const XlsxPackage&) = delete;
  XlsxPackage& operator=(const XlsxPackage&) = delete;

  // Part names are compared without regard to ASCII case, as OPC (ECMA-376 Part 2) says.
  bool HasPart(const std::string& name) const;

 private:
  friend class XmlPartParser;
  explicit XlsxPackage(zip* archive) : archive_(archive) {}
  zip* archive_;
};

class XmlPartParser;

// What a part's elements mean to one reader. Callbacks receive local names; `attributes` is
// expat's array: name, value, name, value, ..., nullptr.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void StartElement(std::string_view name, const char** attributes) = 0;
  virtual void EndElement(std::string_view name) = 0;
  // Character data, possibly in several pieces for one text node.
  virtual void Text(std::string_view text) = 0;

 protected:
  // From a callback: stop after this event; XmlPartParser::Parse returns true (more may follow).
  void Pause();
  // From a callback: stop the parse for good; XmlPartParser::Parse returns `error`.
  void Abort(Status error);

 private:
  friend class XmlPartParser;
  XmlPartParser* parser_ = nullptr;
};

class XmlPartParser {
 public:
  // Opens part `name` of `package` for `handler`. Both must outlive the parser.
  // InvalidArgument when the part does not exist or cannot be opened.
  static Result<std::unique_ptr<XmlPartParser>> Open(const XlsxPackage& package,
                                                     const std::string& name, XmlHandler& handler,
                                                     std::size_t chunk_bytes);
  ~XmlPartParser();
  XmlPartParser(const XmlPartParser&) = delete;
  XmlPartParser& operator=(const XmlPartParser&) = delete;

  // Parses on until the handler pauses (returns true) or the part ends (returns false).
  // InvalidArgument "<part> line L, column C: <reason>" when the XML is not well-formed or has
  // a DTD, "<part>: <reason>" when the zip data is damaged, or the handler's Abort error.
  Result<bool> Parse();

  // Decompressed bytes of the part read so far, and the part's sizes from the zip directory.
  std::uint64_t bytes_read() const { return bytes_read_; }
  std::uint64_t size() const { return size_; }
  std::uint64_t compressed_size() const { return compressed_size_; }

 private:
  friend class XmlHandler;
  XmlPartParser(std::string name, XmlHandler& handler, std::size_t chunk_bytes);
  Status XmlError() const;

  std::string name_;
  XmlHandler* handler_;
  zip_file* file_ = nullptr;
  XML_ParserStruct* parser_ = nullptr;
  std::vector<char> chunk_;
  std::uint64_t bytes_read_ = 0;
  std::uint64_t size_ = 0;
  std::uint64_t compressed_size_ = 0;
  bool suspended_ = false;  // the parser is paused inside the current chunk
  bool fed_final_ = false;  // the last chunk given to expat was the end of the part
  bool finished_ = false;
  Status abort_error_;
};

// Parses a whole part with `handler` (which does not pause).
Status ParseXmlPart(const XlsxPackage& package, const std::string& name, XmlHandler& handler,
                    std::size_t chunk_bytes);

// The value of the attribute whose local name is `name`, or nullptr.
const char* XmlAttribute(const char** attributes, std::string_view name);

// The part a relationship target points to, from the part holding the relationship:
// ("xl/workbook.xml", "worksheets/sheet1.xml") -> "xl/worksheets/sheet1.xml"; a target starting
// with '/' is from the package root; ".." steps up.
std::string ResolvePartName(std::string_view source_part, std::string_view target);

// The relationships part of `part`: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels".
std::string RelationshipsPartName(std::string_view part);

// Text with the OOXML escapes _xHHHH_ (characters XML cannot hold, such as _x000D_ for CR)
// decoded; "_x005F_" stands for '_'.
std::string DecodeOoxmlEscapes(std::string_view text);

}  // namespace gongshu::tabular
