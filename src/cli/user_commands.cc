// `gongshu user add`, `gongshu token create`, and the helpers every command shares.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/local_services.h"
#include "common/secrets.h"
#include "config/config.h"

namespace gongshu {

int ReportError(const Status& status) {
  std::fprintf(stderr, "gongshu: %s\n", status.message().c_str());
  for (const FieldError& error : status.field_errors()) {
    std::fprintf(stderr, "  %s: %s\n", error.field.c_str(), error.reason.c_str());
  }
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

Result<std::string> ReadPasswordFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Status::InvalidArgument("cannot read the password file " + path);
  std::string line;
  std::getline(file, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int RunUserAdd(const std::vector<std::string>& words) {
  Result<Arguments> arguments = ParseArguments(
      words,
      {"data-dir", "username", "display-name", "email", "organization", "role", "password-file"},
      {"help"});
  if (!arguments.ok()) return ReportError(arguments.status());
  if (arguments->Has("help")) {
    std::fputs(
        "usage: gongshu user add --username NAME --display-name TEXT [--email ADDRESS]\n"
        "                        [--organization ID --role ROLE]... [--password-file FILE]\n"
        "                        [--data-dir DIR]\n\n"
        "Roles: admin, provider, consumer, operator, reviewer, auditor. --organization and\n"
        "--role pair up in order. Without --password-file a password is generated and printed.\n",
        stdout);
    return kExitOk;
  }
  NewUser input;
  input.username = arguments->Get("username").value_or("");
  input.display_name = arguments->Get("display-name").value_or(input.username);
  input.email = arguments->Get("email");
  std::vector<std::string> organizations = arguments->GetAll("organization");
  std::vector<std::string> roles = arguments->GetAll("role");
  if (organizations.size() != roles.size()) {
    return ReportError(
        Status::InvalidArgument("give one --role for each --organization, in the same order"));
  }
  for (size_t index = 0; index < roles.size(); ++index) {
    input.memberships.emplace_back(organizations[index], roles[index]);
  }
  bool generated = false;
  if (std::optional<std::string> file = arguments->Get("password-file")) {
    Result<std::string> password = ReadPasswordFile(*file);
    if (!password.ok()) return ReportError(password.status());
    input.password = *password;
  } else {
    input.password = NewPassword(20);
    generated = true;
  }
  Result<std::unique_ptr<LocalServices>> services =
      OpenLocalServices(arguments->Get("data-dir").value_or("var"), 1, Config());
  if (!services.ok()) return ReportError(services.status());
  Result<User> user = (*services)->identity->CreateUser(LocalOperator(), input);
  if (!user.ok()) return ReportError(user.status());
  std::printf("added user %s (%s)\n", user->username.c_str(), user->id.c_str());
  if (generated) std::printf("password: %s   (shown once)\n", input.password.c_str());
  return kExitOk;
}

int RunTokenCreate(const std::vector<std::string>& words) {
  Result<Arguments> arguments =
      ParseArguments(words, {"data-dir", "username", "name", "scope", "expires-at"}, {"help"});
  if (!arguments.ok()) return ReportError(arguments.status());
  if (arguments->Has("help")) {
    std::fputs(
        "usage: gongshu token create --username NAME --name LABEL [--scope ACTION]...\n"
        "                            [--expires-at 2027-01-31T00:00:00Z] [--data-dir DIR]\n\n"
        "Issues an API token for the user and prints its secret once. Without --scope the\n"
        "token carries all of the user's rights (\"*\").\n",
        stdout);
    return kExitOk;
  }
  std::optional<std::string> username = arguments->Get("username");
  if (!username) return ReportError(Status::InvalidArgument("--username is required"));
  NewToken input;
  input.name = arguments->Get("name").value_or("command-line token");
  input.scopes = arguments->GetAll("scope");
  if (input.scopes.empty()) input.scopes = {"*"};
  if (std::optional<std::string> expires = arguments->Get("expires-at")) {
    TimePoint time;
    if (!ParseIsoTime(*expires, &time)) {
      return ReportError(
          Status::InvalidArgument("--expires-at must look like 2027-01-31T00:00:00Z"));
    }
    input.expires_at = time;
  }
  Result<std::unique_ptr<LocalServices>> services =
      OpenLocalServices(arguments->Get("data-dir").value_or("var"), 1, Config());
  if (!services.ok()) return ReportError(services.status());
  Result<Principal> owner = (*services)->identity->PrincipalForUsername(*username);
  if (!owner.ok()) return ReportError(owner.status());
  Result<IssuedToken> issued = (*services)->identity->CreateToken(*owner, input);
  if (!issued.ok()) return ReportError(issued.status());
  std::printf("%s\n", issued->secret.c_str());
  std::fprintf(stderr, "token %s for %s, expires %s (the secret above is shown once)\n",
               issued->token.id.c_str(), username->c_str(),
               FormatIsoTime(issued->token.expires_at).c_str());
  return kExitOk;
}

}  // namespace gongshu
