-- GET /api/v1/costs/movers: cost of $6..$7 against the period of the same length just before,
-- per service ($10 = 'service') or account ($10 = 'account'). Paged ($8, $9) and sorted
-- (/*sort*/; by default the largest changes first; key last). $1..$5 filters.
WITH span AS (SELECT ($7::date - $6::date + 1) AS days, $6::date AS first, $7::date AS last),
rows AS (
    SELECT s.service AS key, s.service AS label,
           CASE WHEN s.date_from >= $6::date THEN s.cost ELSE 0 END AS current,
           CASE WHEN s.date_from < $6::date THEN s.cost ELSE 0 END AS previous
      FROM view_acct_serv s, span
     WHERE $10 <> 'account' AND /*filters s*/
       AND NOT ($1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
                AND $4::text IS NULL AND $5::text IS NULL)
       AND s.date_from BETWEEN $6::date - span.days AND $7::date
    UNION ALL
    -- By service over all accounts: the rollup per service and day (migration 0006), its
    -- compacted sums and the deltas since, one row per service that has services rows.
    SELECT r.service, r.service,
           sum(CASE WHEN r.day >= $6::date THEN r.cost ELSE 0 END),
           sum(CASE WHEN r.day < $6::date THEN r.cost ELSE 0 END)
      FROM (SELECT service, day, cost, rows FROM view360.cost_service_day
            UNION ALL
            SELECT service, day, cost, rows FROM view360.cost_service_day_delta) r
     WHERE $10 <> 'account' AND $1::text[] IS NULL AND $2::text IS NULL
       AND $3::text IS NULL AND $4::text IS NULL AND $5::text IS NULL
       AND r.day BETWEEN $6::date - ($7::date - $6::date + 1) AND $7::date
     GROUP BY r.service
    HAVING sum(r.rows) > 0
    UNION ALL
    -- By account: the rollup of each accounts row and day (migration 0005), summed per accounts
    -- row before the join (60,000 rows for 30 days become 1,200; sums of sums are the same
    -- numerics). The bounds come from span, computed once: text to date is not folded, and
    -- would be converted per row.
    SELECT v.account, v.account || ' ' || v.account_name, r.current, r.previous
      FROM (SELECT r.account_id, sum(CASE WHEN r.day >= span.first THEN r.cost ELSE 0 END) AS current,
                   sum(CASE WHEN r.day < span.first THEN r.cost ELSE 0 END) AS previous
              FROM view360.cost_account_day r, span
             WHERE $10 = 'account' AND r.day BETWEEN span.first - span.days AND span.last
             GROUP BY r.account_id) r
      JOIN view_accounts v ON v.id = r.account_id
     WHERE /*filters v*/),
movers AS (
    SELECT key, min(label) AS label, round(sum(current), 2) AS current,
           round(sum(previous), 2) AS previous, round(sum(current) - sum(previous), 2) AS change,
           CASE WHEN sum(previous) > 0
                THEN round(100 * (sum(current) - sum(previous)) / sum(previous), 2) END AS change_pct
      FROM rows GROUP BY key)
SELECT json_build_object(
    'items', coalesce((SELECT json_agg(m ORDER BY /*sort*/)
                         FROM (SELECT * FROM movers ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) m), '[]'),
    'total', (SELECT count(*) FROM movers), 'limit', $8::int, 'offset', $9::int);
