// view360 ingest: the receiver (docs/ingest.md). Loads the documents waiting under data/ in a
// directory or bucket, or the files named, into the warehouse.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "aws/session.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "ingest/receiver.h"
#include "ingest/tables.h"

namespace view360::cli {
namespace {

struct IngestFlags {
  std::vector<std::string> documents;
  std::string from;
  int jobs = 4;
  int batch = 64;
  std::string max_document_size;
  bool watch = false;
  double interval = 30;
  std::string fail_on = "none";
  std::string kms_key;
  aws::SessionOptions session;
};

std::atomic<bool> g_stop{false};

// "256MB", "1G", "5000": bytes.
Result<int64_t> ParseSize(const std::string& text) {
  if (text.empty()) return ingest::kDefaultMaxDocumentSize;
  size_t end = 0;
  double value = 0;
  try {
    value = std::stod(text, &end);
  } catch (...) {
    return InvalidArgumentError("--max-document-size: not a size: " + text);
  }
  std::string unit = text.substr(end);
  for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  double factor = 1;
  if (unit == "K" || unit == "KB" || unit == "KIB")
    factor = 1024;
  else if (unit == "M" || unit == "MB" || unit == "MIB")
    factor = 1024.0 * 1024;
  else if (unit == "G" || unit == "GB" || unit == "GIB")
    factor = 1024.0 * 1024 * 1024;
  else if (!unit.empty() && unit != "B")
    return InvalidArgumentError("--max-document-size: unknown unit " + unit);
  if (value <= 0) return InvalidArgumentError("--max-document-size must be positive");
  return static_cast<int64_t>(value * factor);
}

nlohmann::json SummaryJson(const ingest::IngestSummary& s) {
  nlohmann::json tables = nlohmann::json::object();
  const auto& specs = ingest::Tables();
  for (size_t t = 0; t < s.stats.tables.size(); ++t) {
    const auto& row = s.stats.tables[t];
    if (row.created + row.updated + row.unchanged + row.deleted == 0) continue;
    tables[std::string(specs[t].table)] = {{"created", row.created},
                                           {"updated", row.updated},
                                           {"unchanged", row.unchanged},
                                           {"deleted", row.deleted}};
  }
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& f : s.failures) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& issue : f.issues) {
      errors.push_back({{"path", issue.path}, {"message", issue.message}});
    }
    failures.push_back({{"key", f.key}, {"errors", errors}});
  }
  const auto total = s.stats.Total();
  return {{"source", s.source},
          {"run_id", s.run_id},
          {"documents", s.documents},
          {"loaded", s.loaded},
          {"already_loaded", s.already_loaded},
          {"claimed_elsewhere", s.claimed_elsewhere},
          {"failed", s.failed},
          {"rows", s.rows},
          {"bytes", s.bytes},
          {"seconds", s.seconds},
          {"documents_per_second", s.seconds > 0 ? s.loaded / s.seconds : 0.0},
          {"rows_per_second", s.seconds > 0 ? s.rows / s.seconds : 0.0},
          {"created", total.created},
          {"updated", total.updated},
          {"unchanged", total.unchanged},
          {"tables", tables},
          {"failures", failures},
          {"warnings", s.warnings}};
}

void PrintSummary(const ingest::IngestSummary& s) {
  char line[256];
  std::snprintf(line, sizeof line,
                "%lld document(s) from %s: %lld loaded, %lld already loaded, %lld failed, %lld "
                "left to another receiver, in %.1fs (%.0f documents/s, %.0f rows/s)\n",
                static_cast<long long>(s.documents), s.source.c_str(),
                static_cast<long long>(s.loaded), static_cast<long long>(s.already_loaded),
                static_cast<long long>(s.failed), static_cast<long long>(s.claimed_elsewhere),
                s.seconds, s.seconds > 0 ? s.loaded / s.seconds : 0.0,
                s.seconds > 0 ? s.rows / s.seconds : 0.0);
  std::cout << line;
  std::vector<std::vector<std::string>> rows;
  const auto& specs = ingest::Tables();
  for (size_t t = 0; t < s.stats.tables.size(); ++t) {
    const auto& r = s.stats.tables[t];
    if (r.created + r.updated + r.unchanged + r.deleted == 0) continue;
    rows.push_back({std::string(specs[t].table), std::to_string(r.created),
                    std::to_string(r.updated), std::to_string(r.unchanged),
                    std::to_string(r.deleted)});
  }
  if (!rows.empty()) {
    std::cout << '\n';
    PrintTable({"TABLE", "CREATED", "UPDATED", "UNCHANGED", "DELETED"}, rows);
  }
  for (const auto& f : s.failures) {
    std::cout << "\nfailed: " << f.key << '\n';
    for (const auto& issue : f.issues) std::cout << "  " << issue.ToString() << '\n';
  }
  for (const auto& w : s.warnings) std::cout << "warning: " << w << '\n';
}

Status RunIngestCommand(const Context& context, const IngestFlags& flags) {
  const auto target = context.Warehouse();
  {
    // Brings the schema up to date once, before the workers connect.
    VIEW360_ASSIGN_OR_RETURN(auto conn, warehouse::OpenWarehouse(target, /*migrate=*/true));
  }
  ingest::IngestOptions options;
  options.connect = [target] { return warehouse::OpenWarehouse(target, /*migrate=*/false); };
  options.jobs = flags.jobs;
  options.batch_documents = flags.batch;
  VIEW360_ASSIGN_OR_RETURN(options.max_document_size, ParseSize(flags.max_document_size));
  options.stop = &g_stop;

  std::unique_ptr<aws::AwsSession> session;
  std::unique_ptr<aws::AwsClient> s3_client;
  std::unique_ptr<store::ObjectStore> store;
  std::string from = flags.from;
  if (flags.documents.empty()) {
    if (from.empty()) from = Env("BUCKET").empty() ? "./view360-data" : "s3://" + Env("BUCKET");
    store::StoreOptions store_options;
    // Moves to loaded/ and failed/ and the .error.json files are written like the documents.
    store_options.kms_key_id = FirstOf(flags.kms_key, Env("ANALYTICS_KMS_KEY"));
    if (from.rfind("s3://", 0) == 0) {
      VIEW360_ASSIGN_OR_RETURN(session, aws::AwsSession::Create(flags.session));
      s3_client = session->Client();
      store_options.s3_client = s3_client.get();
    }
    VIEW360_ASSIGN_OR_RETURN(store, store::OpenStore(from, store_options));
    options.store = store.get();
  } else {
    if (!from.empty()) return InvalidArgumentError("give either --from or documents, not both");
    if (flags.watch) return InvalidArgumentError("--watch watches a store (--from), not files");
    options.files = flags.documents;
  }

  ProgressLine line;
  options.on_progress = [&line](const ingest::IngestProgress& p) {
    const double rate = p.seconds > 0 ? p.rows / p.seconds : 0;
    std::string eta = "-";
    if (p.done > 0 && p.total > p.done)
      eta = FormatDuration(p.seconds * (p.total - p.done) / p.done);
    char text[256];
    std::snprintf(text, sizeof text, "documents %lld/%lld · %lld failed · %.0f rows/s · ETA %s",
                  static_cast<long long>(p.done), static_cast<long long>(p.total),
                  static_cast<long long>(p.failed), rate, eta.c_str());
    line.Show(text, p.done == p.total);
  };

  if (flags.watch) {
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
  }
  int64_t failed = 0;
  while (true) {
    auto summary = ingest::RunIngest(options);
    line.Clear();
    if (!summary.ok()) return summary.status();
    failed += summary->failed;
    if (context.json()) {
      std::cout << SummaryJson(*summary).dump() << std::endl;
    } else if (!flags.watch || summary->documents > 0) {
      PrintSummary(*summary);
    }
    if (!flags.watch) break;
    for (double waited = 0; waited < flags.interval && !g_stop; waited += 0.2) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (g_stop) break;
  }
  if (flags.fail_on == "failed" && failed > 0) {
    return FailedPreconditionError(std::to_string(failed) +
                                   " document(s) failed (--fail-on failed)");
  }
  return OkStatus();
}

}  // namespace

void RegisterIngestCommand(CLI::App& app, Context& context, Action* action) {
  auto flags = std::make_shared<IngestFlags>();
  auto* cmd = app.add_subcommand(
      "ingest",
      "Load documents into the warehouse: those under data/ in a directory or bucket, "
      "or the files named");
  cmd->add_option("documents", flags->documents, "Document files to load (not moved)");
  cmd->add_option("--from", flags->from,
                  "Where documents wait under data/: a directory (default ./view360-data) or "
                  "s3://bucket/prefix (default s3://$BUCKET when BUCKET is set)");
  cmd->add_option("--jobs", flags->jobs, "Connections loading at once (default 4)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--batch", flags->batch, "Documents per transaction (default 64)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--max-document-size", flags->max_document_size,
                  "Larger documents go to failed/ unread (default 256MB)");
  cmd->add_flag("--watch", flags->watch, "Keep polling for new documents until interrupted");
  cmd->add_option("--interval", flags->interval, "Seconds between polls with --watch (default 30)")
      ->check(CLI::Range(0.1, 86400.0));
  cmd->add_option("--fail-on", flags->fail_on,
                  "Exit non-zero when a document failed: failed, none (default)")
      ->check(CLI::IsMember({"none", "failed"}));
  cmd->add_option("--kms-key", flags->kms_key,
                  "KMS key for SSE-KMS on what ingest writes to S3: moved documents and "
                  ".error.json files (default ANALYTICS_KMS_KEY)");
  cmd->add_option("--region", flags->session.region, "Region of the bucket's session");
  cmd->add_option("--profile", flags->session.profile, "Profile of ~/.aws/config");
  cmd->add_option("--endpoint-url", flags->session.endpoint_url,
                  "Send S3 calls here (view360 sim, moto)");
  cmd->callback([&context, action, flags] {
    *action = [&context, flags] { return RunIngestCommand(context, *flags); };
  });
}

}  // namespace view360::cli
