// gongshu: the one binary. Dispatches to subcommands (commands.h).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "common/secrets.h"

namespace {

constexpr char kUsage[] =
    "usage: gongshu <command> [options]\n"
    "\n"
    "commands:\n"
    "  init          create a data directory with a fresh key and an admin user\n"
    "  demo          init plus demo organizations and users (passwords are printed)\n"
    "  serve         serve the portal and the API\n"
    "  user add      add a user with a role in an organization\n"
    "  token create  issue an API token for a user\n"
    "  import        publish a file as a resource's next data version\n"
    "  ledger verify re-derive the evidence ledger and check it\n"
    "  ledger witness  cosign another node's ledger\n"
    "  version       print the version\n"
    "\n"
    "Run `gongshu <command> --help` for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    std::fputs(kUsage, words.empty() ? stderr : stdout);
    return words.empty() ? gongshu::kExitUsage : gongshu::kExitOk;
  }
  if (!gongshu::InitSecrets()) {
    std::fputs("gongshu: cannot initialize the cryptography library\n", stderr);
    return gongshu::kExitFailure;
  }
  std::string command = words[0];
  std::vector<std::string> rest(words.begin() + 1, words.end());
  if (command == "version" || command == "--version") {
    std::printf("gongshu %s\n", GONGSHU_VERSION);
    return gongshu::kExitOk;
  }
  if (command == "init") return gongshu::RunInit(rest);
  if (command == "demo") return gongshu::RunDemo(rest);
  if (command == "serve") return gongshu::RunServe(rest);
  if (command == "import") return gongshu::RunImport(rest);
  if ((command == "user" || command == "token" || command == "ledger") && rest.empty()) {
    std::fprintf(stderr, "gongshu: `%s` needs a subcommand (%s)\n", command.c_str(),
                 command == "user"    ? "add"
                 : command == "token" ? "create"
                                      : "verify");
    return gongshu::kExitUsage;
  }
  if (command == "user" && rest[0] == "add") {
    return gongshu::RunUserAdd(std::vector<std::string>(rest.begin() + 1, rest.end()));
  }
  if (command == "ledger" && rest[0] == "witness") {
    return gongshu::RunLedgerWitness(std::vector<std::string>(rest.begin() + 1, rest.end()));
  }
  if (command == "ledger" && rest[0] == "verify") {
    return gongshu::RunLedgerVerify(std::vector<std::string>(rest.begin() + 1, rest.end()));
  }
  if (command == "token" && rest[0] == "create") {
    return gongshu::RunTokenCreate(std::vector<std::string>(rest.begin() + 1, rest.end()));
  }
  std::fprintf(stderr, "gongshu: unknown command \"%s\"\n\n%s",
               (command + " " + (rest.empty() ? "" : rest[0])).c_str(), kUsage);
  return gongshu::kExitUsage;
}
