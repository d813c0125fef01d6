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
  // Catalog objects made by CreateCatalogFixtures, by the placeholder name the test tables use
  // ("draft_resource", "submitted_registration", ...); empty until it runs.
  std::map<std::string, std::string> fixture_ids;

  // The roles of the authorization matrix, in column order, and their demo usernames.
  static const std::vector<std::pair<std::string, std::string>>& Roles();
};

// Creates the demo directory and tokens, then starts the server with `environment`.
// Returns null and sets `error` on failure.
std::unique_ptr<DemoServer> StartDemoServer(const std::map<std::string, std::string>& environment,
                                            std::string* error);

// Creates, through the API as traffic.provider, admin and anonymous, the catalog objects the
// authorization matrix and the bad-input table point at, and records them in `fixture_ids`:
//   registered_resource, coded_registration, certificate_code   a coded (registered) resource of
//                                           traffic_org, its registration and registration code
//   draft_resource                          a draft of traffic_org (made by traffic.provider)
//   weather_draft_resource                  a draft of weather_org (made by admin)
//   submitted_resource, submitted_registration   a registration in submitted
//   accepted_registration                   a registration in accepted
//   returned_registration                   a registration in returned
//   rejected_registration                   a registration in rejected
//   publicity_registration, open_objection, resolved_objection   a registration in publicity
//                                           with one open and one dismissed objection
// `base_resource` is a valid resource body without provider_id (src/catalog/testdata/
// base_resource.json). Coding needs the publicity period over, so the server must have been
// started with GONGSHU_TESTING_CLOCK_OFFSET_FILE=`clock_offset_file`: the clock is moved 45 days
// forward before coding and stays there (everything else is made after that, so the publicity
// registration is in its period). Returns false and sets `error` when a step answers otherwise
// than expected.
bool CreateCatalogFixtures(DemoServer* demo, const std::string& base_resource,
                           const std::string& clock_offset_file, std::string* error);

}  // namespace gongshu::testing
