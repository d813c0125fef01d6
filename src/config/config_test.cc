// Configuration from TOML, environment and flags: precedence, and errors that name the key.
#include "config/config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

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

// The TOML column writes a newline as "\n"; the table reader leaves that to this test.
std::string ExpandNewlines(const std::string& text) {
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
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/toml_cases.tsv");
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "toml_cases.tsv line " << row.line;
    std::string toml = ExpandNewlines(row.cells[0]);
    const std::string& expected = row.cells[1];
    SCOPED_TRACE("toml_cases.tsv line " + std::to_string(row.line) + ": " + row.cells[0]);
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
  }
  EXPECT_GT(rows.size(), 10u);
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
