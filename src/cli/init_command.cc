// `gongshu init` and `gongshu demo`.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/data_directory.h"
#include "cli/demo_catalog_loader.h"
#include "cli/local_services.h"
#include "common/secrets.h"
#include "config/config.h"
#include "identity/uscc.h"

namespace gongshu {
namespace {

constexpr char kInitHelp[] =
    "usage: gongshu init [--data-dir DIR] [--admin-username NAME] [--admin-password-file FILE]\n"
    "                    [--organization-name NAME] [--division-code CODE]\n"
    "\n"
    "Creates DIR (default: var) with the metadata database, keys/ (a fresh Ed25519 signing key\n"
    "and a pseudonymization secret, mode 0600), datasets/ and ledger/, a data administration\n"
    "organization and its admin user. Without --admin-password-file a password is generated\n"
    "and printed once.\n";

struct InitResult {
  std::unique_ptr<LocalServices> services;
  Organization administration;
  User admin;
};

// A USCC with a correct check character for a 17-character body (for demo organizations).
std::string CompleteUscc(const std::string& first17) {
  return first17 + UsccCheckCharacter(first17);
}

Result<InitResult> Initialize(const Arguments& arguments, const std::string& default_password,
                              bool print_password) {
  std::string data_dir = arguments.Get("data-dir").value_or("var");
  std::string password = default_password;
  bool generated = false;
  if (std::optional<std::string> file = arguments.Get("admin-password-file")) {
    Result<std::string> read = ReadPasswordFile(*file);
    if (!read.ok()) return read.status();
    password = *read;
  } else if (password.empty()) {
    password = NewPassword(20);
    generated = true;
  }
  GONGSHU_RETURN_IF_ERROR(CreateDataDirectory(data_dir));
  Result<std::unique_ptr<LocalServices>> services = OpenLocalServices(data_dir, 1, Config());
  if (!services.ok()) return services.status();
  InitResult result;
  result.services = std::move(*services);
  IdentityService& identity = *result.services->identity;
  OrganizationInput root;
  root.name = arguments.Get("organization-name").value_or("数据管理局");
  root.type = "data_administration";
  root.division_code = arguments.Get("division-code").value_or("100000");
  Result<Organization> administration = identity.CreateOrganization(LocalOperator(), root);
  if (!administration.ok()) return administration.status();
  result.administration = *administration;
  NewUser admin;
  admin.username = arguments.Get("admin-username").value_or("admin");
  admin.display_name = "平台管理员";
  admin.password = password;
  admin.memberships.emplace_back(administration->id, "admin");
  Result<User> user = identity.CreateUser(LocalOperator(), admin);
  if (!user.ok()) return user.status();
  result.admin = *user;
  std::printf("initialized %s\n", data_dir.c_str());
  std::printf("  organization  %s  %s\n", administration->id.c_str(), administration->name.c_str());
  std::printf("  admin user    %s\n", admin.username.c_str());
  if (generated || print_password) {
    std::printf("  password      %s%s\n", password.c_str(),
                generated ? "   (shown once: keep it now)" : "");
  }
  return result;
}

}  // namespace

int RunInit(const std::vector<std::string>& words) {
  Result<Arguments> arguments = ParseArguments(
      words,
      {"data-dir", "admin-username", "admin-password-file", "organization-name", "division-code"},
      {"help"});
  if (!arguments.ok()) return ReportError(arguments.status());
  if (arguments->Has("help")) return std::fputs(kInitHelp, stdout), kExitOk;
  if (!arguments->positional.empty()) {
    return ReportError(Status::InvalidArgument("unexpected argument " + arguments->positional[0]));
  }
  Result<InitResult> result = Initialize(*arguments, "", false);
  if (!result.ok()) return ReportError(result.status());
  return kExitOk;
}

int RunDemo(const std::vector<std::string>& words) {
  Result<Arguments> arguments =
      ParseArguments(words, {"data-dir", "admin-username", "admin-password-file"}, {"help"});
  if (!arguments.ok()) return ReportError(arguments.status());
  if (arguments->Has("help")) {
    std::fputs(
        "usage: gongshu demo [--data-dir DIR] [--admin-password-file FILE]\n\n"
        "Like init, then adds demo organizations and users and prints their passwords.\n"
        "The demo admin's password is gongshu-demo-admin unless a file gives another.\n",
        stdout);
    return kExitOk;
  }
  Arguments init_arguments = *arguments;
  init_arguments.flags["organization-name"] = {"福州市大数据管理局"};
  init_arguments.flags["division-code"] = {"350100"};
  Result<InitResult> result = Initialize(init_arguments, "gongshu-demo-admin", true);
  if (!result.ok()) return ReportError(result.status());
  IdentityService& identity = *result->services->identity;
  Principal local = LocalOperator();

  struct DemoOrganization {
    const char* name;
    const char* type;
    const char* division_code;
    const char* uscc_body;  // 17 characters; empty for none
    bool child_of_administration;
  };
  const DemoOrganization organizations[] = {
      {"福州市交通运输局", "department", "350100", "11350100MB0000001", true},
      {"福州市卫生健康委员会", "department", "350100", "11350100MB0000002", true},
      {"福州市气象台", "public_institution", "350100", "12350100MB0000003", true},
      {"福州数据运营有限公司", "operator", "350102", "91350102MA0000004", false},
      {"福建省数据研究院", "research_institution", "350000", "52350000MJ0000005", false},
  };
  std::vector<std::string> organization_ids;
  for (const DemoOrganization& demo : organizations) {
    OrganizationInput input;
    input.name = demo.name;
    input.type = demo.type;
    input.division_code = demo.division_code;
    if (demo.child_of_administration) input.parent_id = result->administration.id;
    input.uscc = CompleteUscc(demo.uscc_body);
    Result<Organization> created = identity.CreateOrganization(local, input);
    if (!created.ok()) return ReportError(created.status());
    organization_ids.push_back(created->id);
  }
  struct DemoUser {
    const char* username;
    const char* display_name;
    size_t organization;  // index into organizations; SIZE_MAX: the administration
    const char* role;
  };
  const DemoUser users[] = {
      {"traffic.provider", "交通局数据专员", 0, "provider"},
      {"health.provider", "卫健委数据专员", 1, "provider"},
      {"health.consumer", "卫健委业务处", 1, "consumer"},
      {"weather.admin", "气象台管理员", 2, "admin"},
      {"operator.analyst", "运营公司分析师", 3, "operator"},
      {"review.officer", "数据局审核员", SIZE_MAX, "reviewer"},
      {"audit.officer", "审计监督员", SIZE_MAX, "auditor"},
  };
  constexpr char kDemoPassword[] = "gongshu-demo-pass";
  std::printf("\ndemo users (password for all: %s)\n", kDemoPassword);
  for (const DemoUser& demo : users) {
    NewUser input;
    input.username = demo.username;
    input.display_name = demo.display_name;
    input.password = kDemoPassword;
    std::string organization_id = demo.organization == SIZE_MAX
                                      ? result->administration.id
                                      : organization_ids[demo.organization];
    input.memberships.emplace_back(organization_id, demo.role);
    Result<User> created = identity.CreateUser(local, input);
    if (!created.ok()) return ReportError(created.status());
    std::printf("  %-18s %-9s %s\n", demo.username, demo.role, demo.display_name);
  }
  // The demo catalog, loaded without a sync per step (a demo can be made again), then made
  // durable in one checkpoint.
  if (Status fast = result->services->pool->ExecuteOnEach("PRAGMA synchronous=OFF"); !fast.ok()) {
    return ReportError(fast);
  }
  std::string data_dir = arguments->Get("data-dir").value_or("var");
  if (Status started = result->services->datasets->Open(); !started.ok()) {
    return ReportError(started);
  }
  Result<DemoCatalogSummary> catalog =
      LoadDemoCatalog(*result->services, result->administration, data_dir + "/datasets/.demo");
  if (!catalog.ok()) return ReportError(catalog.status());
  Status durable = result->services->pool->ExecuteOnEach(
      "PRAGMA synchronous=FULL; PRAGMA wal_checkpoint(FULL);");
  if (!durable.ok()) return ReportError(durable);
  std::printf(
      "\ndemo catalog: %d resources (%d registered, %d in publicity) from %d more providers; "
      "%d with data (%llu rows)\n",
      catalog->resources, catalog->registered, catalog->in_publicity, catalog->providers_created,
      catalog->datasets, static_cast<unsigned long long>(catalog->dataset_rows));
  std::printf("\nnext: gongshu serve --data-dir %s\n",
              arguments->Get("data-dir").value_or("var").c_str());
  return kExitOk;
}

}  // namespace gongshu
