-- GET /api/v1/costs/movers: cost of $6..$7 against the period of the same length just before,
-- per service ($10 = 'service') or account ($10 = 'account'). Paged ($8, $9) and sorted
-- (/*sort*/; by default the largest changes first; key last). $1..$5 filters.
WITH span AS (SELECT ($7::date - $6::date + 1) AS days),
rows AS (
    SELECT CASE WHEN $10 = 'account' THEN s.account ELSE s.service END AS key,
           CASE WHEN $10 = 'account' THEN s.account || ' ' || s.account_name ELSE s.service END AS label,
           CASE WHEN s.date_from >= $6::date THEN s.cost ELSE 0 END AS current,
           CASE WHEN s.date_from < $6::date THEN s.cost ELSE 0 END AS previous
      FROM view_acct_serv s, span
     WHERE /*filters s*/
       AND s.date_from BETWEEN $6::date - span.days AND $7::date),
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
