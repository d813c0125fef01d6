#include "store/sqlite_identity_store.h"

#include "store/stored_event.h"

#include <sstream>

namespace gongshu {
namespace {

std::optional<TimePoint> ParseOptionalStoredTime(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return ParseStoredTime(*text);
}

std::optional<std::string> StoredTime(const std::optional<TimePoint>& time) {
  if (!time) return std::nullopt;
  return FormatIsoTime(*time);
}

constexpr char kOrganizationColumns[] =
    "id, name, type, parent_id, division_code, uscc, created_at, updated_at, revision";

Organization ReadOrganization(const Statement& row) {
  Organization organization;
  organization.id = row.Text(0);
  organization.name = row.Text(1);
  organization.type = ParseOrganizationType(row.Text(2)).value_or(OrganizationType::kDepartment);
  organization.parent_id = row.OptionalText(3);
  organization.division_code = row.Text(4);
  organization.uscc = row.OptionalText(5);
  organization.created_at = ParseStoredTime(row.Text(6));
  organization.updated_at = ParseStoredTime(row.Text(7));
  organization.revision = row.Int64(8);
  return organization;
}

constexpr char kUserColumns[] =
    "id, username, display_name, email, password_hash, disabled, created_at";

User ReadUser(const Statement& row) {
  User user;
  user.id = row.Text(0);
  user.username = row.Text(1);
  user.display_name = row.Text(2);
  user.email = row.OptionalText(3);
  user.password_hash = row.Text(4);
  user.disabled = row.Int64(5) != 0;
  user.created_at = ParseStoredTime(row.Text(6));
  return user;
}

constexpr char kTokenColumns[] =
    "id, user_id, name, secret_hash, scopes, created_at, expires_at, revoked_at, last_used_at";

ApiToken ReadToken(const Statement& row) {
  ApiToken token;
  token.id = row.Text(0);
  token.user_id = row.Text(1);
  token.name = row.Text(2);
  token.secret_hash = row.Text(3);
  std::istringstream scopes(row.Text(4));
  for (std::string scope; scopes >> scope;) token.scopes.push_back(scope);
  token.created_at = ParseStoredTime(row.Text(5));
  token.expires_at = ParseStoredTime(row.Text(6));
  token.revoked_at = ParseOptionalStoredTime(row.OptionalText(7));
  token.last_used_at = ParseOptionalStoredTime(row.OptionalText(8));
  return token;
}

// Runs a query that returns at most one row, read with `read`; NotFound with `missing` followed
// by the key if none.
template <typename T, typename Reader>
Result<T> QueryOne(ConnectionPool& pool, const std::string& sql, const std::string& key,
                   Reader read, const char* missing) {
  return pool.With([&](SqliteConnection& connection) -> Result<T> {
    Result<Statement> statement = connection.Prepare(sql);
    if (!statement.ok()) return statement.status();
    statement->Bind(1, key);
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound(missing + key);
    T value = read(*statement);
    statement->Run();
    return value;
  });
}

}  // namespace

Status SqliteIdentityStore::InsertOrganization(const Organization& organization,
                                               const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      if (organization.uscc) {
        Result<Statement> taken = connection.Prepare("SELECT id FROM organizations WHERE uscc = ?");
        if (!taken.ok()) return taken.status();
        taken->Bind(1, *organization.uscc);
        Result<bool> row = taken->Step();
        if (!row.ok()) return row.status();
        if (*row) {
          std::string holder = taken->Text(0);
          taken->Run();
          return Status::Conflict("the Unified Social Credit Code " + *organization.uscc +
                                  " is already registered to organization " + holder);
        }
      }
      Result<Statement> statement =
          connection.Prepare(std::string("INSERT INTO organizations (") + kOrganizationColumns +
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      if (!statement.ok()) return statement.status();
      statement->Bind(1, organization.id)
          .Bind(2, organization.name)
          .Bind(3, std::string(OrganizationTypeName(organization.type)))
          .Bind(4, organization.parent_id)
          .Bind(5, organization.division_code)
          .Bind(6, organization.uscc)
          .Bind(7, FormatIsoTime(organization.created_at))
          .Bind(8, FormatIsoTime(organization.updated_at))
          .Bind(9, organization.revision);
      GONGSHU_RETURN_IF_ERROR(statement->Run());
      return WriteEvent(connection, event);
    });
  });
}

Result<Organization> SqliteIdentityStore::GetOrganization(const std::string& id) {
  static const std::string kSql =
      std::string("SELECT ") + kOrganizationColumns + " FROM organizations WHERE id = ?";
  return QueryOne<Organization>(pool_, kSql, id, ReadOrganization, "no organization with id ");
}

Result<Page<Organization>> SqliteIdentityStore::ListOrganizations(const OrganizationFilter& filter,
                                                                  const PageRequest& page) {
  if (page.limit < 1) return Status::InvalidArgument("the page limit must be at least 1");
  // The page key is "created_at id"; rows sort by creation, then id.
  std::string after_time, after_id;
  if (!page.after_key.empty()) {
    size_t space = page.after_key.find(' ');
    after_time = page.after_key.substr(0, space);
    after_id = space == std::string::npos ? "" : page.after_key.substr(space + 1);
  }
  return pool_.With([&](SqliteConnection& connection) -> Result<Page<Organization>> {
    Result<Statement> statement = connection.Prepare(
        std::string("SELECT ") + kOrganizationColumns +
        " FROM organizations WHERE (? = '' OR created_at > ? OR (created_at = ? AND id > ?))"
        " AND (? = '' OR type = ?) AND (? = '' OR parent_id = ?)"
        " ORDER BY created_at, id LIMIT ?");
    if (!statement.ok()) return statement.status();
    std::string type = filter.type ? std::string(OrganizationTypeName(*filter.type)) : "";
    std::string parent = filter.parent_id.value_or("");
    statement->Bind(1, after_time)
        .Bind(2, after_time)
        .Bind(3, after_time)
        .Bind(4, after_id)
        .Bind(5, type)
        .Bind(6, type)
        .Bind(7, parent)
        .Bind(8, parent)
        .Bind(9, static_cast<int64_t>(page.limit + 1));
    Page<Organization> result;
    for (Result<bool> row = statement->Step();; row = statement->Step()) {
      if (!row.ok()) return row.status();
      if (!*row) break;
      result.items.push_back(ReadOrganization(*statement));
    }
    if (static_cast<int>(result.items.size()) > page.limit) {
      result.items.pop_back();
      const Organization& last = result.items.back();
      result.next_key = FormatIsoTime(last.created_at) + " " + last.id;
    }
    return result;
  });
}

Status SqliteIdentityStore::UpdateOrganization(const Organization& organization,
                                               const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      if (organization.uscc) {
        Result<Statement> taken =
            connection.Prepare("SELECT id FROM organizations WHERE uscc = ? AND id <> ?");
        if (!taken.ok()) return taken.status();
        taken->Bind(1, *organization.uscc).Bind(2, organization.id);
        Result<bool> row = taken->Step();
        if (!row.ok()) return row.status();
        if (*row) {
          std::string holder = taken->Text(0);
          taken->Run();
          return Status::Conflict("the Unified Social Credit Code " + *organization.uscc +
                                  " is already registered to organization " + holder);
        }
      }
      Result<Statement> statement = connection.Prepare(
          "UPDATE organizations SET name = ?, type = ?, parent_id = ?, division_code = ?, "
          "uscc = ?, updated_at = ?, revision = ? WHERE id = ? AND revision = ?");
      if (!statement.ok()) return statement.status();
      statement->Bind(1, organization.name)
          .Bind(2, std::string(OrganizationTypeName(organization.type)))
          .Bind(3, organization.parent_id)
          .Bind(4, organization.division_code)
          .Bind(5, organization.uscc)
          .Bind(6, FormatIsoTime(organization.updated_at))
          .Bind(7, organization.revision)
          .Bind(8, organization.id)
          .Bind(9, organization.revision - 1);
      GONGSHU_RETURN_IF_ERROR(statement->Run());
      if (connection.ChangedRows() == 0) {
        return Status::Conflict("organization " + organization.id +
                                " was changed by someone else; read it again and retry");
      }
      return WriteEvent(connection, event);
    });
  });
}

Status SqliteIdentityStore::InsertUser(const User& user, const std::vector<Membership>& memberships,
                                       const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      Result<Statement> taken = connection.Prepare("SELECT 1 FROM users WHERE username = ?");
      if (!taken.ok()) return taken.status();
      taken->Bind(1, user.username);
      Result<bool> exists = taken->Step();
      if (!exists.ok()) return exists.status();
      taken->Run();
      if (*exists) return Status::Conflict("the username " + user.username + " is taken");
      Result<Statement> statement = connection.Prepare(
          std::string("INSERT INTO users (") + kUserColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
      if (!statement.ok()) return statement.status();
      statement->Bind(1, user.id)
          .Bind(2, user.username)
          .Bind(3, user.display_name)
          .Bind(4, user.email)
          .Bind(5, user.password_hash)
          .Bind(6, static_cast<int64_t>(user.disabled ? 1 : 0))
          .Bind(7, FormatIsoTime(user.created_at));
      GONGSHU_RETURN_IF_ERROR(statement->Run());
      for (const Membership& membership : memberships) {
        Result<Statement> exists_org =
            connection.Prepare("SELECT 1 FROM organizations WHERE id = ?");
        if (!exists_org.ok()) return exists_org.status();
        exists_org->Bind(1, membership.organization_id);
        Result<bool> found = exists_org->Step();
        if (!found.ok()) return found.status();
        exists_org->Run();
        if (!*found) {
          return Status::NotFound("no organization with id " + membership.organization_id);
        }
        Result<Statement> grant = connection.Prepare(
            "INSERT INTO memberships (user_id, organization_id, role) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING");
        if (!grant.ok()) return grant.status();
        grant->Bind(1, user.id)
            .Bind(2, membership.organization_id)
            .Bind(3, std::string(RoleName(membership.role)));
        GONGSHU_RETURN_IF_ERROR(grant->Run());
      }
      return WriteEvent(connection, event);
    });
  });
}

Result<User> SqliteIdentityStore::GetUser(const std::string& id) {
  static const std::string kSql =
      std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?";
  return QueryOne<User>(pool_, kSql, id, ReadUser, "no user with id ");
}

Result<User> SqliteIdentityStore::FindUserByUsername(const std::string& username) {
  static const std::string kSql =
      std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?";
  return QueryOne<User>(pool_, kSql, username, ReadUser, "no user named ");
}

Result<Page<User>> SqliteIdentityStore::ListUsers(const UserFilter& filter,
                                                  const PageRequest& page) {
  if (page.limit < 1) return Status::InvalidArgument("the page limit must be at least 1");
  return pool_.With([&](SqliteConnection& connection) -> Result<Page<User>> {
    // Organization filters are passed as one space-separated parameter so the SQL stays fixed.
    std::string organizations;
    if (filter.organization_ids) {
      for (const std::string& id : *filter.organization_ids) organizations += " " + id + " ";
      if (organizations.empty()) return Page<User>{};
    }
    Result<Statement> statement = connection.Prepare(
        std::string("SELECT ") + kUserColumns +
        " FROM users WHERE username > ? AND (? = '' OR EXISTS (SELECT 1 FROM memberships m "
        "WHERE m.user_id = users.id AND instr(?, ' ' || m.organization_id || ' ') > 0))"
        " ORDER BY username LIMIT ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, page.after_key)
        .Bind(2, organizations)
        .Bind(3, organizations)
        .Bind(4, static_cast<int64_t>(page.limit + 1));
    Page<User> result;
    for (Result<bool> row = statement->Step();; row = statement->Step()) {
      if (!row.ok()) return row.status();
      if (!*row) break;
      result.items.push_back(ReadUser(*statement));
    }
    if (static_cast<int>(result.items.size()) > page.limit) {
      result.items.pop_back();
      result.next_key = result.items.back().username;
    }
    return result;
  });
}

Result<std::vector<Membership>> SqliteIdentityStore::ListMemberships(const std::string& user_id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<Membership>> {
    Result<Statement> statement = connection.Prepare(
        "SELECT m.organization_id, m.role, o.type FROM memberships m JOIN organizations o ON "
        "o.id = m.organization_id WHERE m.user_id = ? ORDER BY m.organization_id, m.role");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, user_id);
    std::vector<Membership> memberships;
    for (Result<bool> row = statement->Step();; row = statement->Step()) {
      if (!row.ok()) return row.status();
      if (!*row) break;
      Membership membership;
      membership.organization_id = statement->Text(0);
      membership.role = ParseRole(statement->Text(1)).value_or(Role::kConsumer);
      membership.organization_type =
          ParseOrganizationType(statement->Text(2)).value_or(OrganizationType::kDepartment);
      memberships.push_back(membership);
    }
    return memberships;
  });
}

Status SqliteIdentityStore::InsertSession(const Session& session) {
  return pool_.With([&](SqliteConnection& connection) -> Status {
    Result<Statement> statement = connection.Prepare(
        "INSERT INTO sessions (secret_hash, user_id, csrf_token, created_at, expires_at) VALUES "
        "(?, ?, ?, ?, ?)");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, session.secret_hash)
        .Bind(2, session.user_id)
        .Bind(3, session.csrf_token)
        .Bind(4, FormatIsoTime(session.created_at))
        .Bind(5, FormatIsoTime(session.expires_at));
    return statement->Run();
  });
}

Result<Session> SqliteIdentityStore::FindSession(const std::string& secret_hash) {
  static const std::string kSql =
      "SELECT secret_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE "
      "secret_hash = ?";
  return QueryOne<Session>(
      pool_, kSql, secret_hash,
      [](const Statement& row) {
        Session session;
        session.secret_hash = row.Text(0);
        session.user_id = row.Text(1);
        session.csrf_token = row.Text(2);
        session.created_at = ParseStoredTime(row.Text(3));
        session.expires_at = ParseStoredTime(row.Text(4));
        return session;
      },
      "no session with hash ");
}

Status SqliteIdentityStore::DeleteSession(const std::string& secret_hash) {
  return pool_.With([&](SqliteConnection& connection) -> Status {
    Result<Statement> statement = connection.Prepare("DELETE FROM sessions WHERE secret_hash = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, secret_hash);
    return statement->Run();
  });
}

Status SqliteIdentityStore::InsertToken(const ApiToken& token, const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      Result<Statement> statement =
          connection.Prepare(std::string("INSERT INTO api_tokens (") + kTokenColumns +
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      if (!statement.ok()) return statement.status();
      std::string scopes;
      for (const std::string& scope : token.scopes) scopes += (scopes.empty() ? "" : " ") + scope;
      statement->Bind(1, token.id)
          .Bind(2, token.user_id)
          .Bind(3, token.name)
          .Bind(4, token.secret_hash)
          .Bind(5, scopes)
          .Bind(6, FormatIsoTime(token.created_at))
          .Bind(7, FormatIsoTime(token.expires_at))
          .Bind(8, StoredTime(token.revoked_at))
          .Bind(9, StoredTime(token.last_used_at));
      GONGSHU_RETURN_IF_ERROR(statement->Run());
      return WriteEvent(connection, event);
    });
  });
}

Result<ApiToken> SqliteIdentityStore::FindTokenBySecretHash(const std::string& secret_hash) {
  static const std::string kSql =
      std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE secret_hash = ?";
  return QueryOne<ApiToken>(pool_, kSql, secret_hash, ReadToken, "no token with hash ");
}

Result<ApiToken> SqliteIdentityStore::GetToken(const std::string& id) {
  static const std::string kSql =
      std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE id = ?";
  return QueryOne<ApiToken>(pool_, kSql, id, ReadToken, "no token with id ");
}

Result<std::vector<ApiToken>> SqliteIdentityStore::ListTokens(const std::string& user_id) {
  static const std::string kSql = std::string("SELECT ") + kTokenColumns +
                                  " FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id";
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<ApiToken>> {
    Result<Statement> statement = connection.Prepare(kSql);
    if (!statement.ok()) return statement.status();
    statement->Bind(1, user_id);
    std::vector<ApiToken> tokens;
    for (Result<bool> row = statement->Step();; row = statement->Step()) {
      if (!row.ok()) return row.status();
      if (!*row) break;
      tokens.push_back(ReadToken(*statement));
    }
    return tokens;
  });
}

Status SqliteIdentityStore::RevokeToken(const std::string& id, TimePoint at, const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      Result<Statement> statement = connection.Prepare(
          "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
      if (!statement.ok()) return statement.status();
      statement->Bind(1, FormatIsoTime(at)).Bind(2, id);
      GONGSHU_RETURN_IF_ERROR(statement->Run());
      if (connection.ChangedRows() == 0) {
        return Status::Conflict("token " + id + " is already revoked");
      }
      return WriteEvent(connection, event);
    });
  });
}

Status SqliteIdentityStore::TouchToken(const std::string& id, TimePoint at) {
  return pool_.With([&](SqliteConnection& connection) -> Status {
    Result<Statement> statement =
        connection.Prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, FormatIsoTime(at)).Bind(2, id);
    return statement->Run();
  });
}

Status SqliteIdentityStore::RecordLoginFailure(const std::string& username, TimePoint at) {
  return pool_.With([&](SqliteConnection& connection) -> Status {
    Result<Statement> statement =
        connection.Prepare("INSERT INTO login_failures (username, at) VALUES (?, ?)");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, username).Bind(2, FormatIsoTime(at));
    return statement->Run();
  });
}

Result<LoginFailures> SqliteIdentityStore::CountLoginFailures(const std::string& username,
                                                              TimePoint since) {
  return pool_.With([&](SqliteConnection& connection) -> Result<LoginFailures> {
    Result<Statement> statement = connection.Prepare(
        "SELECT COUNT(*), MIN(at) FROM login_failures WHERE username = ? AND at > ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, username).Bind(2, FormatIsoTime(since));
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    LoginFailures failures;
    failures.count = static_cast<int>(statement->Int64(0));
    failures.oldest = ParseOptionalStoredTime(statement->OptionalText(1));
    statement->Run();
    return failures;
  });
}

Status SqliteIdentityStore::ClearLoginFailures(const std::string& username) {
  return pool_.With([&](SqliteConnection& connection) -> Status {
    Result<Statement> statement =
        connection.Prepare("DELETE FROM login_failures WHERE username = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, username);
    return statement->Run();
  });
}

Result<std::vector<Event>> SqliteIdentityStore::ListEvents(int64_t after_sequence, int limit) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<Event>> {
    Result<Statement> statement = connection.Prepare(
        "SELECT type, actor_user_id, subject_id, at, detail FROM events WHERE sequence > ? "
        "ORDER BY sequence LIMIT ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, after_sequence).Bind(2, static_cast<int64_t>(limit));
    std::vector<Event> events;
    for (Result<bool> row = statement->Step();; row = statement->Step()) {
      if (!row.ok()) return row.status();
      if (!*row) break;
      events.push_back(Event{statement->Text(0), statement->Text(1), statement->Text(2),
                             ParseStoredTime(statement->Text(3)), statement->Text(4)});
    }
    return events;
  });
}

}  // namespace gongshu
