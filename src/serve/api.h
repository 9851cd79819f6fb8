// The REST API under /api/v1 (docs/api.md): each endpoint is one SQL file of sql/api/ that
// answers one JSON value, run with the request's filters as parameters:
//   $1 account ids (text[] or NULL), $2 customer, $3 partner, $4 environment, $5 product,
//   $6 from, $7 to (dates), $8 limit, $9 offset, $10.. the endpoint's own parameters, then its
//   fixed values.
// In the SQL, /*filters v*/ stands for the account-tag predicate on a warehouse view aliased v,
// /*open f*/ for "this Security Hub finding is open", and /*sort*/ (lists only) for the
// request's ORDER BY list: the columns named by `sort` (each from the endpoint's whitelist,
// NULLs last either way), or the endpoint's default order, always followed by the list's unique
// columns so that pages are stable.
//
// Thread-safety: Handle may be called from many threads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "serve/pool.h"

namespace view360::serve {

using QueryParams = std::multimap<std::string, std::string>;

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON.
};

// One endpoint's own query parameter.
struct EndpointParam {
  std::string name;
  std::string default_value;         // "" = none (NULL).
  std::vector<std::string> allowed;  // Empty: any value.
  std::string description;
};

// A column a list can be sorted by: `sort=name` ascending, `sort=-name` descending.
struct SortColumn {
  std::string name;        // As in the answer's items: "updated_at".
  std::string expression;  // The SQL it orders by, when not the column itself: "severity_level".
};

struct Endpoint {
  std::string path;      // "/api/v1/costs/daily"
  std::string sql_file;  // "api/costs_series.sql"
  std::string summary;
  bool paged = false;
  std::vector<EndpointParam> params;  // $10, $11, ...
  // Values of the parameters after params, set by the endpoint, not the request: two endpoints
  // that differ only in them share one SQL file (costs/daily and costs/monthly).
  std::vector<std::string> fixed;
  // Paged lists: the columns `sort` accepts, the order without `sort` (SQL), and the columns
  // that identify an item, appended to every order.
  std::vector<SortColumn> sort;
  std::string default_order;
  std::string unique;
};

// Most keys one `sort` may name (comma-separated: sort=-severity,-updated_at).
inline constexpr size_t kMaxSortKeys = 3;

const std::vector<Endpoint>& Endpoints();

class Api {
 public:
  explicit Api(ConnectionPool& pool);

  // Answers GET path?params: 200 with the endpoint's JSON, 400 for a bad parameter, 404 for an
  // unknown path, 503 when the warehouse cannot be reached, 500 otherwise.
  ApiResponse Handle(const std::string& path, const QueryParams& params);

  // The OpenAPI 3.1 document of Endpoints().
  static std::string OpenApiJson();

 private:
  ConnectionPool& pool_;
  std::map<std::string, std::string> sql_;  // Path -> expanded SQL.
};

// {"error": {"code": code, "message": message}}.
std::string ErrorJson(const std::string& code, const std::string& message);

}  // namespace view360::serve
