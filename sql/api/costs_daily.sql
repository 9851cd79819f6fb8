-- GET /api/v1/costs/daily: cost per day from $6 to $7, one series per service ($10 =
-- 'service') or account ($10 = 'account'); the $11 largest series by total, the rest summed
-- into "Other". $1..$5 filters.
WITH days AS (SELECT d::date AS day FROM generate_series($6::date, $7::date, interval '1 day') d),
rows AS (
    SELECT s.date_from AS day, s.cost,
           CASE WHEN $10 = 'account' THEN s.account ELSE s.service END AS key,
           CASE WHEN $10 = 'account' THEN s.account || ' ' || s.account_name ELSE s.service END AS label
      FROM view_acct_serv s
     WHERE /*filters s*/ AND s.date_from BETWEEN $6::date AND $7::date),
ranked AS (
    SELECT key, min(label) AS label, row_number() OVER (ORDER BY sum(cost) DESC, key) AS rank
      FROM rows GROUP BY key),
bucketed AS (
    SELECT CASE WHEN r.rank <= $11::int THEN r.key ELSE 'Other' END AS key,
           CASE WHEN r.rank <= $11::int THEN r.label ELSE 'Other' END AS label,
           least(r.rank, $11::int + 1) AS rank, x.day, x.cost
      FROM rows x JOIN ranked r ON r.key = x.key),
totals AS (SELECT key, label, rank, day, sum(cost) AS cost FROM bucketed GROUP BY 1, 2, 3, 4),
series AS (
    SELECT k.key, k.label, k.rank,
           json_agg(round(coalesce(t.cost, 0), 2) ORDER BY d.day) AS values
      FROM (SELECT DISTINCT key, label, rank FROM totals) k CROSS JOIN days d
      LEFT JOIN totals t ON t.key = k.key AND t.day = d.day
     GROUP BY k.key, k.label, k.rank)
SELECT json_build_object(
    'currency', 'USD',
    'dates', (SELECT json_agg(day ORDER BY day) FROM days),
    'series', coalesce((SELECT json_agg(json_build_object('key', key, 'label', label,
                                                          'values', values) ORDER BY rank)
                          FROM series), '[]'),
    'total', (SELECT round(coalesce(sum(cost), 0), 2) FROM rows));
