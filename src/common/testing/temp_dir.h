// Temporary directories for tests (STYLE.md §14: hermetic tests write only below one).
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <string>

namespace gongshu::testing {

// Creates a new, empty directory "<prefix>-XXXXXX" (XXXXXX random, mode 0700) under $TMPDIR, or
// under /tmp when TMPDIR is unset or empty, and returns its path. Returns the empty string when
// the directory cannot be created; callers check for that (ASSERT_FALSE(dir.empty())).
// The caller owns the directory and removes it when done (std::filesystem::remove_all); nothing
// removes it automatically. Safe to call from several threads and processes at once.
// Plain C++ without GoogleTest, so non-test helpers such as tests/integration may use it too.
inline std::string MakeTempDir(const std::string& prefix = "gongshu-test") {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/" + prefix + "-XXXXXX";
  return mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
}

}  // namespace gongshu::testing
