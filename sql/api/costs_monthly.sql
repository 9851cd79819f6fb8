-- GET /api/v1/costs/monthly: cost per month over the months that $6..$7 touch, one series per
-- service ($10 = 'service') or account ($10 = 'account'); the $11 largest series, the rest
-- summed into "Other". $1..$5 filters.
WITH months AS (
    SELECT m::date AS month
      FROM generate_series(date_trunc('month', $6::date), date_trunc('month', $7::date),
                           interval '1 month') m),
rows AS (
    SELECT date_trunc('month', s.date_from)::date AS month, s.cost,
           CASE WHEN $10 = 'account' THEN s.account ELSE s.service END AS key,
           CASE WHEN $10 = 'account' THEN s.account || ' ' || s.account_name ELSE s.service END AS label
      FROM view_acct_serv s
     WHERE /*filters s*/
       AND s.date_from >= date_trunc('month', $6::date)::date
       AND s.date_from < (date_trunc('month', $7::date) + interval '1 month')::date),
ranked AS (
    SELECT key, min(label) AS label, row_number() OVER (ORDER BY sum(cost) DESC, key) AS rank
      FROM rows GROUP BY key),
bucketed AS (
    SELECT CASE WHEN r.rank <= $11::int THEN r.key ELSE 'Other' END AS key,
           CASE WHEN r.rank <= $11::int THEN r.label ELSE 'Other' END AS label,
           least(r.rank, $11::int + 1) AS rank, x.month, x.cost
      FROM rows x JOIN ranked r ON r.key = x.key),
totals AS (SELECT key, label, rank, month, sum(cost) AS cost FROM bucketed GROUP BY 1, 2, 3, 4),
series AS (
    SELECT k.key, k.label, k.rank,
           json_agg(round(coalesce(t.cost, 0), 2) ORDER BY m.month) AS values
      FROM (SELECT DISTINCT key, label, rank FROM totals) k CROSS JOIN months m
      LEFT JOIN totals t ON t.key = k.key AND t.month = m.month
     GROUP BY k.key, k.label, k.rank)
SELECT json_build_object(
    'currency', 'USD',
    'months', (SELECT json_agg(to_char(month, 'YYYY-MM') ORDER BY month) FROM months),
    'series', coalesce((SELECT json_agg(json_build_object('key', key, 'label', label,
                                                          'values', values) ORDER BY rank)
                          FROM series), '[]'),
    'total', (SELECT round(coalesce(sum(cost), 0), 2) FROM rows));
