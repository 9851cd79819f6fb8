#include "ingest/loader.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "ingest/tables.h"

namespace view360::ingest {
namespace {

constexpr int kAttempts = 6;  // Per batch, for lost connections, deadlocks and the like.

// pg_advisory_xact_lock class id (first key) of the loads of one (account, region).
constexpr char kAccountLockClass[] = "736001";

std::string CountsJson(const StagedDocument& staged) {
  nlohmann::json counts = nlohmann::json::object();
  const auto& tables = Tables();
  for (size_t t = 0; t < tables.size(); ++t) {
    if (staged.row_counts[t] > 0) counts[std::string(tables[t].table)] = staged.row_counts[t];
  }
  return counts.dump();
}

int64_t ToInt(const warehouse::SqlValue& value) { return value ? std::stoll(*value) : 0; }

}  // namespace

std::string TextArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

void LoadStats::Add(const LoadStats& other) {
  if (tables.size() < other.tables.size()) tables.resize(other.tables.size());
  for (size_t t = 0; t < other.tables.size(); ++t) {
    tables[t].created += other.tables[t].created;
    tables[t].updated += other.tables[t].updated;
    tables[t].unchanged += other.tables[t].unchanged;
    tables[t].deleted += other.tables[t].deleted;
  }
}

TableStats LoadStats::Total() const {
  TableStats total;
  for (const auto& t : tables) {
    total.created += t.created;
    total.updated += t.updated;
    total.unchanged += t.unchanged;
    total.deleted += t.deleted;
  }
  return total;
}

Loader::Loader(ConnectionFactory connect, std::string source, int64_t run_id, Catalog catalog,
               warehouse::Connection connection)
    : connect_(std::move(connect)),
      source_(std::move(source)),
      run_id_(run_id),
      catalog_(std::move(catalog)),
      script_(catalog_),
      connection_(std::move(connection)) {}

namespace {

Status PrepareSession(warehouse::Connection& connection) {
  return connection.Execute("SET TimeZone = 'UTC'; SET application_name = 'view360-ingest';\n" +
                            StageTablesSql());
}

}  // namespace

Result<std::unique_ptr<Loader>> Loader::Open(ConnectionFactory connect, std::string source,
                                             int64_t run_id, const Catalog* catalog) {
  VIEW360_ASSIGN_OR_RETURN(auto connection, connect());
  VIEW360_RETURN_IF_ERROR(PrepareSession(connection));
  std::optional<Catalog> read;
  if (catalog == nullptr) {
    VIEW360_ASSIGN_OR_RETURN(read, Catalog::Load(connection));
    catalog = &*read;
  }
  return std::unique_ptr<Loader>(
      new Loader(std::move(connect), std::move(source), run_id, *catalog, std::move(connection)));
}

Status Loader::Reconnect() {
  VIEW360_ASSIGN_OR_RETURN(auto connection, connect_());
  VIEW360_RETURN_IF_ERROR(PrepareSession(connection));
  connection_ = std::move(connection);
  return OkStatus();
}

Status Loader::LoadBatch(const std::vector<const PendingDocument*>& docs,
                         std::vector<DocumentResult>* results, LoadStats* stats) {
  Status last;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (attempt > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100 << std::min(attempt, 5)));
      if (!connection_.healthy()) {
        if (Status s = Reconnect(); !s.ok()) {
          last = s;
          continue;
        }
      }
    }
    LoadStats batch;
    int failed_table = -1;
    last = TryBatch(docs, results, &batch, &failed_table);
    if (last.ok()) {
      stats->Add(batch);
      return last;
    }
    if (connection_.healthy()) (void)connection_.Execute("ROLLBACK");
    if (last.code() == StatusCode::kUnavailable) continue;  // Lost connection, deadlock, ...
    // The database refused a value: find the document at fault.
    if (docs.size() > 1) {
      for (size_t i = 0; i < docs.size(); ++i) {
        std::vector<DocumentResult> one;
        VIEW360_RETURN_IF_ERROR(LoadBatch({docs[i]}, &one, stats));
        (*results)[i] = one[0];
      }
      return OkStatus();
    }
    const std::string table = failed_table >= 0 ? std::string(Tables()[failed_table].table) : "";
    Issue issue{failed_table >= 0 ? "$." + std::string(Tables()[failed_table].path) : "$",
                (table.empty() ? "" : "table " + table + ": ") + last.message()};
    (*results)[0] = DocumentResult{Outcome::kFailed, issue};
    return RecordFailure(*docs[0], {issue});
  }
  return last;
}

Status Loader::TryBatch(const std::vector<const PendingDocument*>& docs,
                        std::vector<DocumentResult>* results, LoadStats* stats, int* failed_table) {
  results->assign(docs.size(), DocumentResult{});
  VIEW360_RETURN_IF_ERROR(connection_.Execute("BEGIN"));
  // The documents' accounts (a batch may span folders): another receiver holding one is
  // loading that account's documents in order, and they are left to it; the rest of the batch
  // goes on. pg_try_advisory_xact_lock never waits, so the order of the locks cannot deadlock.
  std::vector<std::string> accounts;
  for (const auto* doc : docs)
    accounts.push_back(doc->staged.account_id + "/" + doc->staged.region);
  VIEW360_ASSIGN_OR_RETURN(
      auto held_elsewhere,
      connection_.Query(std::string("SELECT k FROM (SELECT DISTINCT unnest($1::text[]) AS k "
                                    "ORDER BY 1) x WHERE NOT pg_try_advisory_xact_lock(") +
                            kAccountLockClass + ", hashtext(k))",
                        {TextArray(accounts)}));
  std::set<std::string> busy;
  for (const auto& row : held_elsewhere.rows) busy.insert(row[0].value_or(""));
  std::vector<std::string> keys;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (busy.count(accounts[i])) {
      (*results)[i].outcome = Outcome::kClaimedElsewhere;
    } else {
      keys.push_back(docs[i]->key);
    }
  }
  if (keys.empty()) return connection_.Execute("ROLLBACK");
  const std::string key_array = TextArray(keys);
  // Inside the transaction and under the account's lock: an insert that met another
  // receiver's uncommitted ledger row would wait for it.
  VIEW360_RETURN_IF_ERROR(connection_
                              .Query("INSERT INTO view360.ingest_ledger (source, object_key) "
                                     "SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING",
                                     {source_, key_array})
                              .status());
  VIEW360_ASSIGN_OR_RETURN(
      auto claimed,
      connection_.Query("SELECT object_key, status, sha256 FROM view360.ingest_ledger "
                        "WHERE source = $1 AND object_key = ANY($2::text[]) "
                        "FOR UPDATE SKIP LOCKED",
                        {source_, key_array}));
  std::map<std::string, std::pair<std::string, std::string>> ledger;
  for (const auto& row : claimed.rows) ledger[*row[0]] = {*row[1], row[2].value_or("")};

  std::string copy;
  std::vector<bool> present(Tables().size(), false);
  std::vector<std::string> l_keys, l_sizes, l_shas, l_etags, l_accounts, l_regions, l_counts;
  for (size_t i = 0; i < docs.size(); ++i) {
    const PendingDocument& doc = *docs[i];
    if (busy.count(accounts[i])) continue;
    auto it = ledger.find(doc.key);
    if (it == ledger.end()) {
      (*results)[i].outcome = Outcome::kClaimedElsewhere;
      continue;
    }
    if (it->second.first == "loaded" && it->second.second == doc.sha256) {
      (*results)[i].outcome = Outcome::kAlreadyLoaded;
      continue;
    }
    (*results)[i].outcome = Outcome::kLoaded;
    copy += doc.staged.copy_rows;
    for (size_t t = 0; t < present.size(); ++t) {
      present[t] = present[t] || doc.staged.row_counts[t] > 0;
    }
    l_keys.push_back(doc.key);
    l_sizes.push_back(std::to_string(doc.size));
    l_shas.push_back(doc.sha256);
    l_etags.push_back(doc.etag);
    l_accounts.push_back(doc.staged.account_id);
    l_regions.push_back(doc.staged.region);
    l_counts.push_back(CountsJson(doc.staged));
  }
  if (!l_keys.empty()) {
    VIEW360_RETURN_IF_ERROR(connection_.CopyIn(StageCopySql(), copy));
    std::vector<int> statement_tables;
    const std::string script = script_.ForBatch(present, &statement_tables);
    std::vector<warehouse::QueryResult> done;
    if (Status s = connection_.ExecuteScript(script, &done); !s.ok()) {
      if (done.size() < statement_tables.size()) *failed_table = statement_tables[done.size()];
      return s;
    }
    stats->tables.resize(Tables().size());
    for (const auto& result : done) {
      if (result.columns.size() != 5 || result.rows.size() != 1) continue;
      const auto& row = result.rows[0];
      const int64_t t = ToInt(row[0]);
      if (t < 0 || t >= static_cast<int64_t>(stats->tables.size())) continue;
      auto& table = stats->tables[t];
      const int64_t staged = ToInt(row[1]), created = ToInt(row[2]), updated = ToInt(row[3]);
      table.created += created;
      table.updated += updated;
      table.unchanged += std::max<int64_t>(0, staged - created - updated);
      table.deleted += ToInt(row[4]);
    }
    VIEW360_RETURN_IF_ERROR(
        connection_
            .Query("UPDATE view360.ingest_ledger l SET status = 'loaded', size = v.size, "
                   "sha256 = v.sha, etag = NULLIF(v.etag, ''), account_id = v.account, "
                   "region = v.region, attempts = l.attempts + 1, loaded_at = now(), "
                   "failed_at = NULL, error = NULL, row_counts = v.counts::jsonb, run_id = $3 "
                   "FROM unnest($2::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], "
                   "$8::text[], $9::text[]) AS v(key, size, sha, etag, account, region, counts) "
                   "WHERE l.source = $1 AND l.object_key = v.key",
                   {source_, TextArray(l_keys),
                    run_id_ > 0 ? warehouse::SqlValue(std::to_string(run_id_)) : std::nullopt,
                    TextArray(l_sizes), TextArray(l_shas), TextArray(l_etags),
                    TextArray(l_accounts), TextArray(l_regions), TextArray(l_counts)})
            .status());
  }
  if (before_commit_) before_commit_(connection_);
  return connection_.Execute("COMMIT");
}

Status Loader::RecordFailure(const PendingDocument& doc, const std::vector<Issue>& issues) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& issue : issues)
    errors.push_back({{"path", issue.path}, {"message", issue.message}});
  for (int attempt = 0;; ++attempt) {
    Status s = connection_
                   .Query(
                       "INSERT INTO view360.ingest_ledger (source, object_key, status, size, "
                       "sha256, etag, account_id, region, attempts, failed_at, error, run_id) "
                       "VALUES ($1, $2, 'failed', $3, $4, NULLIF($5, ''), NULLIF($6, ''), "
                       "NULLIF($7, ''), 1, now(), $8::jsonb, $9) "
                       "ON CONFLICT (source, object_key) DO UPDATE SET status = 'failed', "
                       "size = EXCLUDED.size, sha256 = EXCLUDED.sha256, etag = EXCLUDED.etag, "
                       "account_id = EXCLUDED.account_id, region = EXCLUDED.region, "
                       "attempts = ingest_ledger.attempts + 1, failed_at = now(), "
                       "error = EXCLUDED.error, run_id = EXCLUDED.run_id",
                       {source_, doc.key, std::to_string(doc.size), doc.sha256, doc.etag,
                        doc.staged.account_id, doc.staged.region, errors.dump(),
                        run_id_ > 0 ? warehouse::SqlValue(std::to_string(run_id_)) : std::nullopt})
                   .status();
    if (s.ok() || s.code() != StatusCode::kUnavailable || attempt + 1 >= kAttempts) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100 << std::min(attempt, 5)));
    if (!connection_.healthy()) (void)Reconnect();
  }
}

}  // namespace view360::ingest
