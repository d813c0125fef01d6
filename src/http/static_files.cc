#include "http/static_files.h"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gongshu {

StaticFiles::StaticFiles(std::string root) {
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::canonical(root, error);
  if (!error) root_ = canonical.string();
}

std::string ContentTypeFor(const std::string& name) {
  static constexpr std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
  };
  size_t dot = name.rfind('.');
  if (dot != std::string::npos) {
    std::string extension = name.substr(dot);
    for (const auto& [suffix, type] : kTypes) {
      if (extension == suffix) return type;
    }
  }
  return "application/octet-stream";
}

Result<Response> StaticFiles::Serve(const Request& request,
                                    const std::string& relative_path) const {
  const std::string& path = relative_path;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
    return Status::InvalidField("path", "must not contain a backslash or NUL");
  }
  std::istringstream segments(path);
  for (std::string segment; std::getline(segments, segment, '/');) {
    if (segment == ".." || segment == ".") {
      return Status::InvalidField("path", "must not contain '.' or '..' segments");
    }
    if (segment.empty()) return Status::InvalidField("path", "must not contain empty segments");
  }
  if (root_.empty()) return Status::NotFound("no such file: /" + relative_path);
  std::filesystem::path candidate = std::filesystem::path(root_) / path;
  std::error_code error;
  if (std::filesystem::is_directory(candidate, error)) candidate /= "index.html";
  std::filesystem::path resolved = std::filesystem::canonical(candidate, error);
  if (error || resolved.string().rfind(root_ + "/", 0) != 0 ||
      !std::filesystem::is_regular_file(resolved, error)) {
    return Status::NotFound("no such file: /" + relative_path);
  }
  struct stat info {};
  if (stat(resolved.c_str(), &info) != 0) return Status::NotFound("no such file");
  char etag[64];
  std::snprintf(
      etag, sizeof(etag), "\"%llx-%llx\"", static_cast<unsigned long long>(info.st_size),
      static_cast<unsigned long long>(info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec));
  Response response;
  response.SetHeader("ETag", etag);
  response.SetHeader("Cache-Control", path.rfind("assets/", 0) == 0
                                          ? "public, max-age=31536000, immutable"
                                          : "no-cache");
  if (request.Header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  std::ifstream file(resolved, std::ios::binary);
  std::ostringstream contents;
  contents << file.rdbuf();
  response.body = contents.str();
  response.SetHeader("Content-Type", ContentTypeFor(resolved.filename().string()));
  return response;
}

}  // namespace gongshu
