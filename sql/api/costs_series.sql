-- GET /api/v1/costs/daily ($12 = 'day', set by the endpoint) and /api/v1/costs/monthly ($12 =
-- 'month'): cost per day from $6 to $7, or per month over the whole months $6..$7 touch; one
-- series per service ($10 = 'service') or account ($10 = 'account'); the $11 largest series by
-- total, the rest summed into "Other". $1..$5 filters.
--
-- The rows are summed per series and bucket first (a few thousand sums for hundreds of
-- thousands of rows), and only those sums are ranked, bucketed into the top $11 and "Other",
-- and laid out over the buckets. Sums of numeric are exact: the order of summing changes
-- nothing.
WITH buckets AS (
    SELECT b::date AS bucket
      FROM generate_series(date_trunc($12, $6::date), date_trunc($12, $7::date),
                           ('1 ' || $12)::interval) b),
sums AS (
    SELECT s.service AS key, s.service AS label,
           date_trunc($12, s.date_from)::date AS bucket, sum(s.cost) AS cost
      FROM view_acct_serv s
     WHERE $10 <> 'account' AND /*filters s*/
       AND NOT ($1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
                AND $4::text IS NULL AND $5::text IS NULL)
       AND s.date_from >= date_trunc($12, $6::date)::date
       AND s.date_from < (date_trunc($12, $7::date) + ('1 ' || $12)::interval)::date
     GROUP BY 1, 3
    UNION ALL
    -- By service over all accounts: the rollup per service and day (migration 0006), its
    -- compacted sums and the deltas since; a bucket without services rows has none. (Months
    -- truncated as timestamps without a time zone, and days not at all: the same buckets,
    -- cheaper.)
    SELECT r.service, r.service,
           CASE WHEN $12 = 'day' THEN r.day ELSE date_trunc($12, r.day::timestamp)::date END,
           sum(r.cost)
      FROM (SELECT service, day, cost, rows FROM view360.cost_service_day
            UNION ALL
            SELECT service, day, cost, rows FROM view360.cost_service_day_delta) r
     WHERE $10 <> 'account' AND $1::text[] IS NULL AND $2::text IS NULL
       AND $3::text IS NULL AND $4::text IS NULL AND $5::text IS NULL
       AND r.day >= date_trunc($12, $6::date::timestamp)::date
       AND r.day < (date_trunc($12, $7::date::timestamp) + ('1 ' || $12)::interval)::date
     GROUP BY 1, 3
    HAVING sum(r.rows) > 0),
-- By account: the rollup of each accounts row and day (migration 0005) in its bucket, for the
-- accounts rows the filters keep (bounds computed once). 30,000 rows for 30 days: ranked from
-- their sums per accounts row, and only the top series' rows are summed per bucket; the
-- others per bucket alone, into "Other".
acct AS (
    SELECT r.account_id AS row_id,
           CASE WHEN $12 = 'day' THEN r.day ELSE date_trunc($12, r.day)::date END AS bucket,
           r.cost
      FROM view360.cost_account_day r
     WHERE $10 = 'account'
       AND r.account_id IN (SELECT v.id FROM view_accounts v WHERE /*filters v*/)
       AND r.day >= (SELECT date_trunc($12, $6::date)::date)
       AND r.day < (SELECT (date_trunc($12, $7::date) + ('1 ' || $12)::interval)::date)),
keys AS (
    SELECT key, min(label) AS label, sum(cost) AS cost FROM sums GROUP BY key
    UNION ALL
    SELECT v.account, min(v.account || ' ' || v.account_name), sum(t.cost)
      FROM (SELECT row_id, sum(cost) AS cost FROM acct GROUP BY row_id) t
      JOIN view_accounts v ON v.id = t.row_id
     GROUP BY v.account),
ranked AS (SELECT key, label, row_number() OVER (ORDER BY cost DESC, key) AS rank FROM keys),
top_rows AS (
    SELECT v.id AS row_id, r.key, r.label, r.rank
      FROM ranked r JOIN view_accounts v ON v.account = r.key
     WHERE $10 = 'account' AND r.rank <= $11::int AND /*filters v*/),
-- A service series' (key, bucket) is one row of sums already; only "Other" sums several.
totals AS (
    SELECT r.key, r.label, r.rank, x.bucket, x.cost
      FROM sums x JOIN ranked r ON r.key = x.key
     WHERE r.rank <= $11::int
    UNION ALL
    SELECT t.key, t.label, t.rank, a.bucket, sum(a.cost)
      FROM acct a JOIN top_rows t ON t.row_id = a.row_id
     GROUP BY t.key, t.label, t.rank, a.bucket
    UNION ALL
    SELECT 'Other', 'Other', $11::int + 1, x.bucket, sum(x.cost)
      FROM (SELECT x.bucket, x.cost FROM sums x JOIN ranked r ON r.key = x.key
             WHERE r.rank > $11::int
            UNION ALL
            SELECT a.bucket, a.cost FROM acct a
             WHERE a.row_id NOT IN (SELECT row_id FROM top_rows)) x
     GROUP BY x.bucket),
series AS (
    SELECT k.key, k.label, k.rank,
           json_agg(round(coalesce(t.cost, 0), 2) ORDER BY b.bucket) AS values
      FROM (SELECT DISTINCT key, label, rank FROM totals) k CROSS JOIN buckets b
      LEFT JOIN totals t ON t.key = k.key AND t.bucket = b.bucket
     GROUP BY k.key, k.label, k.rank)
SELECT json_build_object(
    'currency', 'USD',
    CASE WHEN $12 = 'day' THEN 'dates' ELSE 'months' END,
    (SELECT json_agg(CASE WHEN $12 = 'day' THEN to_json(bucket)
                          ELSE to_json(to_char(bucket, 'YYYY-MM')) END ORDER BY bucket)
       FROM buckets),
    'series', coalesce((SELECT json_agg(json_build_object('key', key, 'label', label,
                                                          'values', values) ORDER BY rank)
                          FROM series), '[]'),
    'total', (SELECT round(coalesce(sum(cost), 0), 2)
                FROM (SELECT cost FROM sums UNION ALL SELECT cost FROM acct) x));
