// `gongshu import RESOURCE FILE`: publishes a file as a new data version of a resource, through
// the same checks as an upload, on the calling thread.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/local_services.h"
#include "config/config.h"
#include "dataset/dataset_json.h"

namespace gongshu {

int RunImport(const std::vector<std::string>& words) {
  Result<Arguments> arguments = ParseArguments(
      words, {"data-dir", "config", "format", "encoding", "delimiter", "sheet", "note"},
      {"help", "quarantine"});
  if (!arguments.ok()) return ReportError(arguments.status());
  if (arguments->Has("help")) {
    std::fputs(
        "usage: gongshu import RESOURCE FILE [--format csv|json|ndjson|xlsx]\n"
        "                      [--encoding utf-8|gbk|gb18030] [--delimiter ,|tab|;||]\n"
        "                      [--sheet NAME] [--note TEXT] [--quarantine] [--data-dir DIR]\n\n"
        "Reads FILE, checks every row against the resource's items, and publishes it as the\n"
        "resource's next data version. Without --quarantine one bad row refuses the whole file\n"
        "and the errors are listed; with it, bad rows are kept apart and counted.\n",
        stdout);
    return kExitOk;
  }
  if (arguments->positional.size() != 2) {
    return ReportError(
        Status::InvalidArgument("give the resource id and the file: "
                                "gongshu import RESOURCE FILE"));
  }
  Result<Config> config = LoadConfig(*arguments);
  if (!config.ok()) return ReportError(config.status());
  Result<std::unique_ptr<LocalServices>> services = OpenLocalServices(config->data_dir, 2, *config);
  if (!services.ok()) return ReportError(services.status());
  if (Status status = (*services)->datasets->Open(); !status.ok()) return ReportError(status);
  UploadOptions options;
  options.format = arguments->Get("format").value_or("");
  options.encoding = arguments->Get("encoding").value_or("");
  options.delimiter = arguments->Get("delimiter").value_or("");
  if (options.delimiter == "tab") options.delimiter = "\t";
  options.sheet = arguments->Get("sheet").value_or("");
  options.note = arguments->Get("note").value_or("");
  options.quarantine = arguments->Has("quarantine");
  const std::string& file = arguments->positional[1];
  options.file_name = file.substr(file.find_last_of('/') + 1);
  Result<Ingestion> ingestion =
      (*services)->datasets->IngestNow(LocalOperator(), arguments->positional[0], file, options);
  if (!ingestion.ok()) return ReportError(ingestion.status());
  std::printf("%s: %s\n", ingestion->id.c_str(), ingestion->message.c_str());
  const IngestionReport& report = ingestion->report;
  size_t shown = 0;
  for (const RowError& error : report.errors) {
    if (++shown > 20) {
      std::printf("  ... %llu more\n", static_cast<unsigned long long>(report.error_count - 20));
      break;
    }
    std::printf("  line %llu%s%s: %s%s\n", static_cast<unsigned long long>(error.line),
                error.column.empty() ? "" : ", ", error.column.c_str(), error.reason.c_str(),
                error.value.empty() ? "" : (" (\"" + error.value + "\")").c_str());
  }
  return ingestion->state == IngestionState::kPublished ? kExitOk : kExitFailure;
}

}  // namespace gongshu
