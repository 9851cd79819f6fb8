#include "warehouse/connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "common/log.h"

namespace view360::warehouse {
namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Maps a SQLSTATE class to what the caller should do about it.
StatusCode CodeForSqlState(std::string_view state) {
  auto cls = state.substr(0, 2);
  if (cls == "08" || cls == "53" || cls == "57" || state == "40001" || state == "40P01") {
    return StatusCode::kUnavailable;  // Connection, resources, shutdown, serialization, deadlock.
  }
  if (cls == "22" || cls == "23") return StatusCode::kInvalidArgument;  // Bad data, constraints.
  if (cls == "28" || state == "42501") return StatusCode::kPermissionDenied;
  return StatusCode::kInternal;
}

Status StatusFromResult(PGconn* conn, const PGresult* result) {
  if (result == nullptr) {
    return UnavailableError(std::string("no result from server: ") + PQerrorMessage(conn));
  }
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
  std::string message = primary ? primary : PQresultErrorMessage(result);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (detail) message += std::string(" (") + detail + ")";
  std::string sqlstate = state ? state : "";
  if (!sqlstate.empty()) message += " [SQLSTATE " + sqlstate + "]";
  if (PQstatus(conn) == CONNECTION_BAD) return UnavailableError(message);
  return Status(sqlstate.empty() ? StatusCode::kInternal : CodeForSqlState(sqlstate), message,
                sqlstate);
}

}  // namespace

int QueryResult::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Result<Connection> Connection::Open(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return InternalError("libpq could not allocate a connection");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn);
    return UnavailableError("cannot connect to PostgreSQL: " + Redact(message));
  }
  // Quiet NOTICEs (e.g. "relation already exists, skipping"): they are not errors.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return Connection(conn);
}

Connection::Connection(Connection&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (conn_) PQfinish(conn_);
    conn_ = std::exchange(other.conn_, nullptr);
  }
  return *this;
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

Status Connection::Execute(std::string_view sql) {
  // PQexec runs every statement of a multi-statement string; only the last result is
  // returned, and the first error stops the rest.
  ResultPtr result(PQexec(conn_, std::string(sql).c_str()));
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return OkStatus();
  }
  return StatusFromResult(conn_, result.get());
}

namespace {

QueryResult ToQueryResult(const PGresult* result) {
  QueryResult out;
  const int ncols = PQnfields(result);
  const int nrows = PQntuples(result);
  for (int c = 0; c < ncols; ++c) out.columns.emplace_back(PQfname(result, c));
  out.rows.reserve(static_cast<size_t>(nrows));
  for (int r = 0; r < nrows; ++r) {
    auto& row = out.rows.emplace_back();
    row.reserve(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(result, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(
            std::string(PQgetvalue(result, r, c), static_cast<size_t>(PQgetlength(result, r, c))));
      }
    }
  }
  const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
  if (tuples && *tuples) out.affected_rows = std::stoll(tuples);
  return out;
}

}  // namespace

Status Connection::ExecuteScript(std::string_view sql, std::vector<QueryResult>* completed) {
  if (!PQsendQuery(conn_, std::string(sql).c_str())) {
    return UnavailableError(std::string("cannot send query: ") + PQerrorMessage(conn_));
  }
  Status status;
  // Read every result, also after an error, so that the connection is ready again.
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr result(raw);
    const auto state = PQresultStatus(raw);
    if (!status.ok()) continue;
    if (state == PGRES_COMMAND_OK || state == PGRES_TUPLES_OK || state == PGRES_EMPTY_QUERY) {
      if (completed) completed->push_back(ToQueryResult(raw));
    } else {
      status = StatusFromResult(conn_, raw);
    }
  }
  if (status.ok() && PQstatus(conn_) == CONNECTION_BAD) {
    return UnavailableError(std::string("connection lost: ") + PQerrorMessage(conn_));
  }
  return status;
}

Status Connection::CopyIn(std::string_view copy_sql, std::string_view data) {
  ResultPtr start(PQexec(conn_, std::string(copy_sql).c_str()));
  if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) {
    return StatusFromResult(conn_, start.get());
  }
  constexpr size_t kChunk = 1 << 20;
  for (size_t offset = 0; offset < data.size(); offset += kChunk) {
    const size_t n = std::min(kChunk, data.size() - offset);
    if (PQputCopyData(conn_, data.data() + offset, static_cast<int>(n)) != 1) {
      return UnavailableError(std::string("COPY failed: ") + PQerrorMessage(conn_));
    }
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    return UnavailableError(std::string("COPY failed: ") + PQerrorMessage(conn_));
  }
  Status status;
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr result(raw);
    if (status.ok() && PQresultStatus(raw) != PGRES_COMMAND_OK) {
      status = StatusFromResult(conn_, raw);
    }
  }
  return status;
}

bool Connection::healthy() const { return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK; }

Result<QueryResult> Connection::Query(std::string_view sql, const std::vector<SqlValue>& params) {
  return ExecParams(sql, params, /*all_text=*/false);
}

Result<QueryResult> Connection::QueryTextParams(std::string_view sql,
                                                const std::vector<SqlValue>& params) {
  return ExecParams(sql, params, /*all_text=*/true);
}

Result<QueryResult> Connection::ExecParams(std::string_view sql,
                                           const std::vector<SqlValue>& params, bool all_text) {
  constexpr Oid kTextOid = 25;
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  const std::vector<Oid> types(all_text ? params.size() : 0, kTextOid);
  ResultPtr result(PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(values.size()),
                                all_text ? types.data() : nullptr, values.data(), nullptr, nullptr,
                                0));
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return StatusFromResult(conn_, result.get());
  }
  return ToQueryResult(result.get());
}

Result<SqlValue> Connection::QueryValue(std::string_view sql, const std::vector<SqlValue>& params) {
  VIEW360_ASSIGN_OR_RETURN(auto result, Query(sql, params));
  if (result.rows.empty() || result.columns.empty()) {
    return NotFoundError("query returned no row: " + std::string(sql.substr(0, 80)));
  }
  return result.rows[0][0];
}

std::string Connection::Describe() const {
  std::string host = PQhost(conn_) ? PQhost(conn_) : "";
  return std::string(PQuser(conn_)) + "@" + host + ":" + PQport(conn_) + "/" + PQdb(conn_);
}

}  // namespace view360::warehouse
