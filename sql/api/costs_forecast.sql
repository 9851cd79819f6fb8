-- GET /api/v1/costs/forecast: the forecast of each account's latest cost report, summed per
-- forecast period. $1..$5 filters.
--
-- The latest report of each accounts row is one index probe of cost_reports (account_id,
-- period_start, region) per row, not a sort of every report.
WITH latest AS (
    SELECT c.id
      FROM view_accounts v
      CROSS JOIN LATERAL (SELECT c.id FROM cost_reports c WHERE c.account_id = v.id
                           ORDER BY c.period_start DESC LIMIT 1) c
     WHERE /*filters v*/)
SELECT json_build_object('items', coalesce((
    SELECT json_agg(json_build_object('period_start', period_start, 'period_end', period_end,
                                      'amount', amount) ORDER BY period_start)
      FROM (SELECT f.period_start, f.period_end, round(sum(f.amount), 2) AS amount
              FROM cost_forecasts f JOIN latest l ON l.id = f.cost_report_id
             GROUP BY f.period_start, f.period_end) p), '[]'));
