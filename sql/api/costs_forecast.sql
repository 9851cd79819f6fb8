-- GET /api/v1/costs/forecast: the forecast of each account's latest cost report, summed per
-- forecast period. $1..$5 filters.
WITH latest AS (
    SELECT DISTINCT ON (c.account_id) c.id
      FROM view_acct_cost_rep c WHERE /*filters c*/
     ORDER BY c.account_id, c.period_start DESC)
SELECT json_build_object('items', coalesce((
    SELECT json_agg(json_build_object('period_start', period_start, 'period_end', period_end,
                                      'amount', amount) ORDER BY period_start)
      FROM (SELECT f.period_start, f.period_end, round(sum(f.amount), 2) AS amount
              FROM cost_forecasts f JOIN latest l ON l.id = f.cost_report_id
             GROUP BY f.period_start, f.period_end) p), '[]'));
