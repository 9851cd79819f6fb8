// Connection: one libpq connection to the warehouse, and the small query API the rest of
// View360 uses. libpq's header stays out of here; bulk loaders (COPY) reach the raw handle.
//
// Thread-safety: a Connection is used by one thread at a time; open one per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct pg_conn;

namespace view360::warehouse {

using SqlValue = std::optional<std::string>;  // nullopt is SQL NULL; text format otherwise.

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
  int64_t affected_rows = 0;  // For INSERT/UPDATE/DELETE; 0 otherwise.

  // Index of the named column, or -1.
  int ColumnIndex(std::string_view name) const;
};

class Connection {
 public:
  // conninfo: a libpq keyword/value string or a postgresql:// URL; libpq's PG* environment
  // variables fill what it leaves out. Unavailable when the server cannot be reached.
  static Result<Connection> Open(const std::string& conninfo);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements with no parameters (simple query protocol).
  Status Execute(std::string_view sql);

  // Runs one statement with $1..$n parameters sent out of line, in text format.
  Result<QueryResult> Query(std::string_view sql, const std::vector<SqlValue>& params = {});

  // As Query, with every parameter declared `text`: parameters the statement does not use are
  // allowed, and the statement casts the ones it uses ($6::date).
  Result<QueryResult> QueryTextParams(std::string_view sql, const std::vector<SqlValue>& params);

  // The single value of a one-row, one-column query. NotFound when it returned no row.
  Result<SqlValue> QueryValue(std::string_view sql, const std::vector<SqlValue>& params = {});

  // Runs several statements in one round trip (simple query protocol) and returns each one's
  // result in order. On the first error the rest are not run: the error is returned and
  // *completed (when given) holds the results of the statements before it.
  Status ExecuteScript(std::string_view sql, std::vector<QueryResult>* completed);

  // COPY … FROM STDIN with `data` (already in the format the COPY statement names).
  Status CopyIn(std::string_view copy_sql, std::string_view data);

  // False once the server connection is lost: open a new Connection.
  bool healthy() const;

  // "user@host:port/dbname", never with a password: for messages and logs.
  std::string Describe() const;

  pg_conn* raw() { return conn_; }

 private:
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  Result<QueryResult> ExecParams(std::string_view sql, const std::vector<SqlValue>& params,
                                 bool all_text);
  pg_conn* conn_ = nullptr;
};

}  // namespace view360::warehouse
