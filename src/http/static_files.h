// StaticFiles: serves the portal's built files from a directory.
//
// GET and HEAD only. A path with "..", ".", an empty segment, a backslash or a NUL is refused
// (400) before the file system is touched, and the resolved file must lie under the root.
// Content types come from the extension; files under "assets/" (content-hashed names) are cached
// for a year as immutable, everything else is revalidated with an ETag (304 on a match).
#pragma once

#include <string>

#include "common/status.h"
#include "http/message.h"

namespace gongshu {

class StaticFiles {
 public:
  // `root` may not exist; then every request is a 404.
  explicit StaticFiles(std::string root);

  // The response for `relative_path` (decoded, without the leading '/'); an empty path or a
  // directory serves its index.html. Errors as problem statuses (InvalidArgument, NotFound).
  Result<Response> Serve(const Request& request, const std::string& relative_path) const;

 private:
  std::string root_;  // canonical, without trailing '/'; empty when missing
};

// The Content-Type for a file name, by extension ("application/octet-stream" when unknown).
std::string ContentTypeFor(const std::string& name);

}  // namespace gongshu
