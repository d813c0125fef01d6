// Tests of store/migrations.h through ConnectionPool::Open: upgrades, reopening, newer databases.
#include "store/migrations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "common/testing/temp_dir.h"
#include "store/sqlite.h"
#include "store/sqlite_identity_store.h"

namespace gongshu {
namespace {

using ::gongshu::testing::MakeTempDir;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = MakeTempDir("gongshu_migrations_test");
    ASSERT_FALSE(directory_.empty());
    path_ = directory_ + "/metadata.db";
  }
  void TearDown() override {
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  }

  // Runs a query returning one integer on a fresh connection to the database.
  int64_t QueryInt(const std::string& sql) {
    Result<std::unique_ptr<SqliteConnection>> connection = SqliteConnection::Open(path_);
    EXPECT_TRUE(connection.ok()) << connection.status().message();
    if (!connection.ok()) return -1;
    Result<Statement> statement = (*connection)->Prepare(sql);
    EXPECT_TRUE(statement.ok()) << statement.status().message();
    if (!statement.ok()) return -1;
    Result<bool> row = statement->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    int64_t value = row.ok() && *row ? statement->Int64(0) : -1;
    statement->Run();
    return value;
  }

  Status ExecuteOnFreshConnection(const std::string& sql) {
    Result<std::unique_ptr<SqliteConnection>> connection = SqliteConnection::Open(path_);
    if (!connection.ok()) return connection.status();
    return (*connection)->Execute(sql);
  }

  std::string directory_;
  std::string path_;
};

TEST_F(MigrationsTest, NewDatabaseIsBroughtToTheLatestVersion) {
  ASSERT_GE(LatestSchemaVersion(), 1);
  Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(path_, 2);
  ASSERT_TRUE(pool.ok()) << pool.status().message();
  EXPECT_EQ(QueryInt("SELECT MAX(version) FROM schema_version"), LatestSchemaVersion());
  // Every migration is recorded once, in order from 1.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_version"), LatestSchemaVersion());
  EXPECT_EQ(QueryInt("SELECT MIN(version) FROM schema_version"), 1);
}

TEST_F(MigrationsTest, ReopeningAppliesNothingAndKeepsData) {
  {
    Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(path_, 2);
    ASSERT_TRUE(pool.ok()) << pool.status().message();
    SqliteIdentityStore store(**pool);
    Organization organization;
    organization.id = "org_kept";
    organization.name = "Kept";
    organization.division_code = "110000";
    ASSERT_TRUE(store
                    .InsertOrganization(organization,
                                        Event{"organization.created", "", "org_kept", {}, "{}"})
                    .ok());
  }
  ASSERT_TRUE(ExecuteOnFreshConnection("UPDATE schema_version SET applied_at = 'first open'").ok());

  Result<std::unique_ptr<ConnectionPool>> reopened = ConnectionPool::Open(path_, 2);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_version"), LatestSchemaVersion());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_version WHERE applied_at <> 'first open'"), 0);
  SqliteIdentityStore store(**reopened);
  Result<Organization> kept = store.GetOrganization("org_kept");
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(kept->name, "Kept");
}

TEST_F(MigrationsTest, ApplyingTwiceOnOneConnectionIsHarmless) {
  Result<std::unique_ptr<SqliteConnection>> connection = SqliteConnection::Open(path_);
  ASSERT_TRUE(connection.ok()) << connection.status().message();
  ASSERT_TRUE(ApplyMigrations(**connection).ok());
  Status again = ApplyMigrations(**connection);
  EXPECT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_version"), LatestSchemaVersion());
}

TEST_F(MigrationsTest, DatabaseNewerThanTheBinaryIsRefused) {
  {
    Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(path_, 1);
    ASSERT_TRUE(pool.ok()) << pool.status().message();
  }
  int newer = LatestSchemaVersion() + 1;
  ASSERT_TRUE(ExecuteOnFreshConnection(
                  "INSERT INTO schema_version (version, name, applied_at) VALUES (" +
                  std::to_string(newer) + ", 'from the future', '2030-01-01T00:00:00Z')")
                  .ok());

  Result<std::unique_ptr<ConnectionPool>> refused = ConnectionPool::Open(path_, 2);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find(std::to_string(newer)), std::string::npos)
      << refused.status().message();
  // Nothing was changed by the refusal.
  EXPECT_EQ(QueryInt("SELECT MAX(version) FROM schema_version"), newer);
}

TEST_F(MigrationsTest, FailedMigrationLeavesNothingOfItself) {
  // A table in the way makes the first migration fail part-way.
  ASSERT_TRUE(ExecuteOnFreshConnection("CREATE TABLE users (unrelated TEXT)").ok());
  Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(path_, 1);
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(pool.status().code(), StatusCode::kInternal);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_version"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'organizations'"), 0);
}

}  // namespace
}  // namespace gongshu
