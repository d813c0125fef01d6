// A demo data directory with one API token per role, and a server on it, shared by the tests of
// one suite.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "gongshu_process.h"

namespace gongshu::testing {

struct DemoServer {
  std::string data_dir;
  ServerProcess server;
  std::map<std::string, std::string> organization_ids;  // "admin_org", "weather_org", ...
  std::map<std::string, std::string> tokens;            // role name -> bearer secret
  std::map<std::string, std::string> spare_token_ids;   // role name -> id of a second token
  std::string admin_extra_token_id;                     // a third token of the admin
  std::string admin_user_id;

  // The roles of the authorization matrix, in column order, and their demo usernames.
  static const std::vector<std::pair<std::string, std::string>>& Roles();
};

// Creates the demo directory and tokens, then starts the server with `environment`.
// Returns null and sets `error` on failure.
std::unique_ptr<DemoServer> StartDemoServer(const std::map<std::string, std::string>& environment,
                                            std::string* error);

}  // namespace gongshu::testing
