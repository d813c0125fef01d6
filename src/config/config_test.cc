// Configuration from TOML, environment and flags: precedence, and errors that name the key.
#include "config/config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace gongshu {
namespace {

// The value of `key` in `config`, as text, for comparing with the table.
std::string ValueOf(const Config& config, const std::string& key) {
  std::ostringstream text;
  if (key == "listen") text << config.listen;
  if (key == "threads") text << config.threads;
  if (key == "limits.max_json_body_bytes") text << config.max_json_body_bytes;
  if (key == "rate_limit.per_address") text << config.rate_per_address;
  if (key == "auth.lockout_window_minutes") text << config.lockout_window_minutes;
  return text.str();
}

std::string Unescape(const std::string& text) {
  std::string out;
  for (size_t index = 0; index < text.size(); ++index) {
    if (text.compare(index, 2, "\\n") == 0) {
      out += '\n';
      ++index;
    } else {
      out += text[index];
    }
  }
  return out;
}

TEST(ConfigTest, TomlCasesFromTheTable) {
  std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/toml_cases.tsv");
  ASSERT_TRUE(file) << "missing testdata";
  int cases = 0;
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    std::string toml = Unescape(line.substr(0, tab));
    std::string expected = line.substr(tab + 1);
    SCOPED_TRACE(line);
    Config config;
    Status status = ApplyConfigToml(toml, "test.toml", &config);
    std::string verdict = expected.substr(0, expected.find(' '));
    std::string detail = expected.substr(expected.find(' ') + 1);
    if (verdict == "ok") {
      ASSERT_TRUE(status.ok()) << status.message();
      size_t equals = detail.find('=');
      EXPECT_EQ(ValueOf(config, detail.substr(0, equals)), detail.substr(equals + 1));
    } else if (verdict == "error") {
      ASSERT_FALSE(status.ok());
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
      ASSERT_FALSE(status.field_errors().empty()) << status.message();
      EXPECT_EQ(status.field_errors()[0].field, detail);
    } else {
      ASSERT_FALSE(status.ok());
      EXPECT_NE(status.message().find(detail), std::string::npos) << status.message();
    }
    ++cases;
  }
  EXPECT_GT(cases, 10);
}

TEST(ConfigTest, EnvironmentOverridesFileAndNamesUnknownVariables) {
  Config config;
  ASSERT_TRUE(ApplyConfigToml("listen = \"127.0.0.1:1\"\n", "f", &config).ok());
  ASSERT_TRUE(ApplyConfigEnvironment({{"GONGSHU_LISTEN", "127.0.0.1:2"},
                                      {"GONGSHU_LIMITS_MAX_JSON_BODY_BYTES", "4096"},
                                      {"HOME", "/root"}},
                                     &config)
                  .ok());
  EXPECT_EQ(config.listen, "127.0.0.1:2");
  EXPECT_EQ(config.max_json_body_bytes, 4096);
  Status unknown = ApplyConfigEnvironment({{"GONGSHU_LISTENING", "x"}}, &config);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.field_errors()[0].field, "GONGSHU_LISTENING");
  Status bad = ApplyConfigEnvironment({{"GONGSHU_THREADS", "lots"}}, &config);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.field_errors()[0].field, "GONGSHU_THREADS");
  ASSERT_TRUE(SetConfigValue("listen", "127.0.0.1:3", &config).ok());
  EXPECT_EQ(config.listen, "127.0.0.1:3");
}

TEST(ConfigTest, EveryDocumentedKeyIsSettable) {
  std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/../../../docs/configuration.md");
  std::stringstream text;
  text << file.rdbuf();
  for (const ConfigKey& key : ConfigKeys()) {
    EXPECT_NE(text.str().find("`" + key.key + "`"), std::string::npos)
        << key.key << " is missing from docs/configuration.md";
  }
}

TEST(ConfigTest, ListenAddresses) {
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(ParseListenAddress("127.0.0.1:8080", &host, &port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListenAddress("[::1]:0", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
  EXPECT_FALSE(ParseListenAddress("localhost", &host, &port).ok());
  EXPECT_FALSE(ParseListenAddress("127.0.0.1:65536", &host, &port).ok());
  EXPECT_FALSE(ParseListenAddress("127.0.0.1:http", &host, &port).ok());
}

}  // namespace
}  // namespace gongshu
