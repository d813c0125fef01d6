#include "gongshu_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_client.h"

namespace gongshu::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// fork + exec of the binary with stdout and stderr sent to files.
pid_t Spawn(const std::vector<std::string>& arguments,
            const std::map<std::string, std::string>& environment, const std::string& out_path,
            const std::string& err_path) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int null = open("/dev/null", O_RDONLY);
  dup2(null, 0);
  dup2(out, 1);
  dup2(err, 2);
  for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
  std::vector<char*> argv;
  std::string binary = GONGSHU_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = arguments;
  for (std::string& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  execv(binary.c_str(), argv.data());
  _exit(127);
}

int ExitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

CommandResult RunGongshu(const std::vector<std::string>& arguments,
                         const std::map<std::string, std::string>& environment) {
  std::string directory = MakeTempDir();
  pid_t pid = Spawn(arguments, environment, directory + "/out", directory + "/err");
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result{ExitCodeOf(status), ReadFile(directory + "/out"),
                       ReadFile(directory + "/err")};
  unlink((directory + "/out").c_str());
  unlink((directory + "/err").c_str());
  rmdir(directory.c_str());
  return result;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

bool ServerProcess::Start(const std::string& data_dir,
                          const std::map<std::string, std::string>& environment, std::string* error,
                          const std::vector<std::string>& extra_arguments) {
  directory_ = MakeTempDir();
  std::string port_file = directory_ + "/port";
  std::vector<std::string> arguments = {"serve",       "--data-dir",  data_dir, "--listen",
                                        "127.0.0.1:0", "--port-file", port_file};
  arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
  std::map<std::string, std::string> variables = environment;
  variables.emplace("GONGSHU_STATIC_DIR", directory_ + "/no-portal");
  pid_ = Spawn(arguments, variables, directory_ + "/out", directory_ + "/err");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      *error = "gongshu serve exited with " + std::to_string(ExitCodeOf(status)) + ": " +
               ReadFile(directory_ + "/err");
      return false;
    }
    std::string text = ReadFile(port_file);
    if (!text.empty()) {
      port_ = static_cast<uint16_t>(std::stoi(text));
      if (Send(port_, "GET", "/readyz").status == 200) return true;
    }
    // Polling for readiness of another process; the wait bounds the test, not its result.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  *error = "gongshu serve did not become ready: " + ReadFile(directory_ + "/err");
  return false;
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return ExitCodeOf(status);
}

void ServerProcess::Signal(int signal) {
  if (pid_ > 0) kill(pid_, signal);
}

std::string ServerProcess::Output() const { return ReadFile(directory_ + "/out"); }

}  // namespace gongshu::testing
