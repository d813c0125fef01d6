// `gongshu serve`: the portal and the API.
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/witness_pusher.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/local_services.h"
#include "config/config.h"
#include "http/access_log.h"
#include "http/metrics.h"
#include "http/server.h"

namespace gongshu {
namespace {

constexpr char kServeHelp[] =
    "usage: gongshu serve [--data-dir DIR] [--listen HOST:PORT] [--config gongshu.toml]\n"
    "                     [--port-file FILE]\n"
    "\n"
    "Serves the portal and the API. Settings come from defaults, then the TOML file, then\n"
    "GONGSHU_* environment variables, then these options. --port-file receives the bound port\n"
    "(useful with --listen 127.0.0.1:0). SIGINT or SIGTERM stop it gracefully.\n"
    "\nsettings (TOML key; environment variable GONGSHU_<KEY> with dots as underscores):\n";

}  // namespace

int RunServe(const std::vector<std::string>& words) {
  Result<Arguments> arguments =
      ParseArguments(words, {"data-dir", "listen", "config", "port-file"}, {"help"});
  if (!arguments.ok()) return ReportError(arguments.status());
  if (arguments->Has("help")) {
    std::fputs(kServeHelp, stdout);
    for (const ConfigKey& key : ConfigKeys()) {
      std::printf("  %-30s %s\n", key.key.c_str(), key.description.c_str());
    }
    return kExitOk;
  }
  Result<Config> config = LoadConfig(*arguments);
  if (!config.ok()) return ReportError(config.status());
  ServerOptions options;
  if (Status status = ParseListenAddress(config->listen, &options.host, &options.port);
      !status.ok()) {
    return ReportError(status);
  }
  options.threads = config->threads;
  options.body_limit_bytes = static_cast<size_t>(config->max_json_body_bytes);
  options.header_limit_bytes = static_cast<size_t>(config->max_header_bytes);
  options.idle_timeout = std::chrono::milliseconds(config->idle_timeout_ms);
  options.request_timeout = std::chrono::milliseconds(config->request_timeout_ms);

  FILE* log_sink = stdout;
  std::unique_ptr<FILE, int (*)(FILE*)> log_file(nullptr, fclose);
  if (config->access_log == "off") {
    log_sink = nullptr;
  } else if (config->access_log != "stdout") {
    log_file.reset(std::fopen(config->access_log.c_str(), "a"));
    if (!log_file) {
      return ReportError(
          Status::InvalidArgument("cannot open the access log " + config->access_log));
    }
    log_sink = log_file.get();
  }
  AccessLog log(log_sink);
  Metrics metrics;

  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Result<std::unique_ptr<LocalServices>> services =
      OpenLocalServices(config->data_dir, threads + 1, *config);
  if (!services.ok()) return ReportError(services.status());
  if (Status status = OpenLedger(config->data_dir, *config, /*record=*/true, services->get());
      !status.ok()) {
    return ReportError(status);
  }

  LocalServices& local = **services;
  local.datasets->SetAfterChange([recorder = local.recorder.get()] { recorder->Nudge(); });
  if (Status status = local.datasets->Start(); !status.ok()) return ReportError(status);
  options.accepts_upload = &App::AcceptsUpload;
  options.runs_long = &App::RunsLong;
  options.upload_directory = config->data_dir + "/datasets";
  options.upload_limit_bytes = static_cast<uint64_t>(config->max_upload_bytes);

  AppDependencies dependencies;
  dependencies.identity = (*services)->identity.get();
  dependencies.metrics = &metrics;
  dependencies.log = &log;
  dependencies.clock = (*services)->clock.get();
  dependencies.catalog = (*services)->catalog.get();
  dependencies.registration = (*services)->registration.get();
  dependencies.datasets = (*services)->datasets.get();
  dependencies.applications = (*services)->applications.get();
  dependencies.ledger = (*services)->ledger.get();
  dependencies.events = (*services)->events.get();
  Recorder* recorder = (*services)->recorder.get();
  Result<std::vector<WitnessPeer>> peers = ParseWitnessPeers(config->ledger_witnesses);
  if (!peers.ok()) return ReportError(peers.status());
  WitnessPusher pusher(*(*services)->ledger, std::move(*peers), log);
  dependencies.after_write = [recorder, &pusher] {
    recorder->Nudge();
    pusher.Nudge();
  };
  dependencies.served_checkpoint = [&pusher] { return pusher.CosignedCheckpoint(); };
  if (!(*services)->witness_logs.empty()) {
    dependencies.witness_logs = &(*services)->witness_logs;
    dependencies.cosigner = (*services)->cosigner.get();
    dependencies.witness_state = (*services)->witness_state.get();
  }
  dependencies.witness_key = (*services)->cosigner->VerifierKey();
  App app(*config, dependencies);
  HttpServer server(
      options, [&app](Request& request) { return app.Handle(request); }, metrics, log);
  if (Status status = server.Listen(); !status.ok()) return ReportError(status);
  if (std::optional<std::string> port_file = arguments->Get("port-file")) {
    std::ofstream out(*port_file + ".tmp");
    out << server.port() << "\n";
    out.close();
    std::rename((*port_file + ".tmp").c_str(), port_file->c_str());
  }
  std::string url = "http://" + options.host + ":" + std::to_string(server.port());
  log.Note(
      "info", "listening",
      "{\"url\":\"" + url + "\",\"data_dir\":" + nlohmann::json(config->data_dir).dump() + "}");
  if (log_sink != stdout) std::printf("gongshu serving on %s\n", url.c_str());
  std::fflush(stdout);
  app.SetReady(true);
  pusher.Start();
  server.Run(/*handle_signals=*/true);
  pusher.Stop();
  app.SetReady(false);
  // Whatever the last requests changed goes on the ledger before the node stops.
  if (Status status = recorder->RecordPending(); !status.ok()) {
    log.Note("error", "could not record the last events on the ledger",
             nlohmann::json({{"error", status.message()}}).dump());
  }
  log.Note("info", "stopped");
  return kExitOk;
}

}  // namespace gongshu
