// Users, their sessions and their API tokens.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"

namespace gongshu {

struct User {
  std::string id;
  std::string username;  // unique, 3-64 of [a-z0-9._-]
  std::string display_name;
  std::optional<std::string> email;
  std::string password_hash;  // Argon2id, libsodium's encoded string form
  bool disabled = false;
  TimePoint created_at;
};

// A browser session. The cookie carries a random secret; only its SHA-256 is stored.
struct Session {
  std::string secret_hash;
  std::string user_id;
  std::string csrf_token;  // sent back in X-CSRF-Token on cookie-authenticated writes
  TimePoint created_at;
  TimePoint expires_at;
};

// An API token. The secret ("gs_" + 43 base64url characters, 256 random bits) is shown once;
// only its SHA-256 is stored.
struct ApiToken {
  std::string id;
  std::string user_id;
  std::string name;
  std::string secret_hash;
  std::vector<std::string> scopes;  // action names (access_policy.h) or "*"
  TimePoint created_at;
  TimePoint expires_at;
  std::optional<TimePoint> revoked_at;
  std::optional<TimePoint> last_used_at;
};

}  // namespace gongshu
