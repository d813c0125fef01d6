// The command line as a shell user meets it: exit codes, messages, init, configuration errors.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "gongshu_process.h"
#include "http_client.h"

namespace gongshu::testing {
namespace {

int FileMode(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return -1;
  return static_cast<int>(info.st_mode & 0777);
}

TEST(CliTest, VersionAndUsage) {
  CommandResult version = RunGongshu({"version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("gongshu ", 0), 0u);
  CommandResult nothing = RunGongshu({});
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.err.find("usage: gongshu"), std::string::npos);
  CommandResult unknown = RunGongshu({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command"), std::string::npos);
  CommandResult bad_flag = RunGongshu({"init", "--colour", "red"});
  EXPECT_EQ(bad_flag.exit_code, 2);
  EXPECT_NE(bad_flag.err.find("--colour"), std::string::npos);
}

TEST(CliTest, InitCreatesKeysWithPrivateModesAndTheAdminCanSignIn) {
  std::string root = MakeTempDir();
  std::string data_dir = root + "/data";
  std::ofstream(root + "/password") << "correct-horse-battery\n";
  CommandResult init =
      RunGongshu({"init", "--data-dir", data_dir, "--admin-password-file", root + "/password"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(init.out.find("correct-horse-battery"), std::string::npos)
      << "a password the user gave is not echoed";
  EXPECT_EQ(FileMode(data_dir + "/keys/ed25519.key"), 0600);
  EXPECT_EQ(FileMode(data_dir + "/keys/pseudonymization.key"), 0600);
  EXPECT_EQ(FileMode(data_dir), 0700);
  std::ifstream key(data_dir + "/keys/ed25519.key");
  std::string seed;
  std::getline(key, seed);
  EXPECT_EQ(seed.size(), 44u) << "base64 of a 32-byte seed";

  CommandResult again = RunGongshu({"init", "--data-dir", data_dir});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already initialized"), std::string::npos);

  ServerProcess server;
  std::string error;
  ASSERT_TRUE(server.Start(data_dir, {}, &error)) << error;
  HttpResult login =
      Send(server.port(), "POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
           R"({"username":"admin","password":"correct-horse-battery"})");
  EXPECT_EQ(login.status, 200) << login.body;
}

TEST(CliTest, InitWithoutPasswordFilePrintsAGeneratedPasswordOnce) {
  std::string data_dir = MakeTempDir() + "/data";
  CommandResult init = RunGongshu({"init", "--data-dir", data_dir});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  size_t at = init.out.find("password");
  ASSERT_NE(at, std::string::npos);
  std::string rest = init.out.substr(at + 8);
  std::string password = rest.substr(rest.find_first_not_of(' '));
  password = password.substr(0, password.find_first_of(" \n"));
  EXPECT_GE(password.size(), 16u);
  ServerProcess server;
  std::string error;
  ASSERT_TRUE(server.Start(data_dir, {}, &error)) << error;
  HttpResult login =
      Send(server.port(), "POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
           nlohmann::json({{"username", "admin"}, {"password", password}}).dump());
  EXPECT_EQ(login.status, 200) << login.body;
}

TEST(CliTest, UserAddAndTokenCreateGiveAWorkingToken) {
  std::string data_dir = MakeTempDir() + "/data";
  ASSERT_EQ(RunGongshu({"demo", "--data-dir", data_dir}).exit_code, 0);
  ServerProcess server;
  std::string error;
  ASSERT_TRUE(server.Start(data_dir, {}, &error)) << error;
  HttpResult listing = Send(server.port(), "GET", "/api/v1/organizations?type=data_administration");
  std::string organization = nlohmann::json::parse(listing.body)["items"][0]["id"];

  CommandResult bad_role =
      RunGongshu({"user", "add", "--data-dir", data_dir, "--username", "someone", "--organization",
                  organization, "--role", "emperor"});
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_NE(bad_role.err.find("memberships[0].role"), std::string::npos) << bad_role.err;

  CommandResult added = RunGongshu({"user", "add", "--data-dir", data_dir, "--username",
                                    "night.auditor", "--display-name", "夜班审计", "--organization",
                                    organization, "--role", "auditor"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("password: "), std::string::npos);
  CommandResult token = RunGongshu({"token", "create", "--data-dir", data_dir, "--username",
                                    "night.auditor", "--scope", "user.read"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string secret = token.out.substr(0, token.out.find('\n'));
  HttpResult users =
      Send(server.port(), "GET", "/api/v1/users", {{"Authorization", "Bearer " + secret}});
  EXPECT_EQ(users.status, 200) << "an auditor reads all users";
  HttpResult me = Send(server.port(), "GET", "/api/v1/me", {{"Authorization", "Bearer " + secret}});
  EXPECT_EQ(me.status, 403) << "the token is scoped to user.read only";

  CommandResult nobody =
      RunGongshu({"token", "create", "--data-dir", data_dir, "--username", "nobody"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_NE(nobody.err.find("nobody"), std::string::npos);
}

TEST(CliTest, ServeRefusesBadSettingsNamingThem) {
  std::string root = MakeTempDir();
  std::string data_dir = root + "/data";
  ASSERT_EQ(RunGongshu({"init", "--data-dir", data_dir}).exit_code, 0);
  std::ofstream(root + "/unknown.toml") << "listen = \"127.0.0.1:0\"\n[limits]\nmax_body = 5\n";
  CommandResult unknown_key =
      RunGongshu({"serve", "--data-dir", data_dir, "--config", root + "/unknown.toml"});
  EXPECT_EQ(unknown_key.exit_code, 2);
  EXPECT_NE(unknown_key.err.find("limits.max_body"), std::string::npos) << unknown_key.err;

  std::ofstream(root + "/wrong_type.toml") << "threads = \"many\"\n";
  CommandResult wrong_type =
      RunGongshu({"serve", "--data-dir", data_dir, "--config", root + "/wrong_type.toml"});
  EXPECT_EQ(wrong_type.exit_code, 2);
  EXPECT_NE(wrong_type.err.find("threads"), std::string::npos) << wrong_type.err;

  std::ofstream(root + "/syntax.toml") << "listen = \n";
  CommandResult syntax =
      RunGongshu({"serve", "--data-dir", data_dir, "--config", root + "/syntax.toml"});
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_NE(syntax.err.find("line 1"), std::string::npos) << syntax.err;

  CommandResult unknown_variable =
      RunGongshu({"serve", "--data-dir", data_dir}, {{"GONGSHU_LISTEN_PORT", "9"}});
  EXPECT_EQ(unknown_variable.exit_code, 2);
  EXPECT_NE(unknown_variable.err.find("GONGSHU_LISTEN_PORT"), std::string::npos);

  CommandResult bad_listen = RunGongshu({"serve", "--data-dir", data_dir, "--listen", "nowhere"});
  EXPECT_EQ(bad_listen.exit_code, 2);
  EXPECT_NE(bad_listen.err.find("host:port"), std::string::npos);

  CommandResult not_initialized = RunGongshu({"serve", "--data-dir", root + "/empty"});
  EXPECT_EQ(not_initialized.exit_code, 1);
  EXPECT_NE(not_initialized.err.find("gongshu init"), std::string::npos) << not_initialized.err;
}

TEST(CliTest, ServeRefusesADatabaseNewerThanTheBinary) {
  std::string data_dir = MakeTempDir() + "/data";
  ASSERT_EQ(RunGongshu({"init", "--data-dir", data_dir}).exit_code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_dir + "/gongshu.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, "
                         "'future', '2030-01-01T00:00:00Z')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  CommandResult serve = RunGongshu({"serve", "--data-dir", data_dir, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(serve.exit_code, 1);
  EXPECT_NE(serve.err.find("newer"), std::string::npos) << serve.err;
}

TEST(CliTest, ImportPublishesAVersionOrListsEveryBadLine) {
  std::string directory = MakeTempDir();
  std::string data_dir = directory + "/data";
  ASSERT_EQ(RunGongshu({"demo", "--data-dir", data_dir}).exit_code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_dir + "/gongshu.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT id FROM resources WHERE json_extract(document, '$.name') "
                               "= '福州市公交站点信息'",
                               -1, &statement, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  std::string resource_id = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);

  // Tab-separated, with a type error on line 3 and a short row on line 4.
  std::string bad = directory + "/bad.tsv";
  std::ofstream(bad) << "stop_id\tstop_name\tlongitude\tlatitude\troute_names\thas_shelter\n"
                     << "A1\t五四路口\t119.30\t26.08\t1路\ttrue\n"
                     << "A2\t东街口\teast\t26.09\t2路\tfalse\n"
                     << "A3\t南门兜\t119.31\n";
  CommandResult refused = RunGongshu({"import", resource_id, bad, "--data-dir", data_dir});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.out.find("line 3, longitude"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("line 4"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("nothing was published"), std::string::npos) << refused.out;

  CommandResult quarantined = RunGongshu(
      {"import", resource_id, bad, "--quarantine", "--note", "修正中", "--data-dir", data_dir});
  EXPECT_EQ(quarantined.exit_code, 0) << quarantined.out << quarantined.err;
  EXPECT_NE(quarantined.out.find("published 1 rows"), std::string::npos) << quarantined.out;

  EXPECT_EQ(RunGongshu({"import", resource_id, directory + "/missing.csv", "--data-dir", data_dir})
                .exit_code,
            1);
  EXPECT_EQ(RunGongshu({"import", resource_id, "--data-dir", data_dir}).exit_code, 2);
}

}  // namespace
}  // namespace gongshu::testing
