-- GET /api/v1/overview: this month's spend against last month's (whole and to the same day)
-- and the forecast, open findings by severity, the compliance score, accounts that need
-- attention. $1..$5 filters, $7 latest data date (the "today" of the data).
--
-- The compliance score is the average of the accounts' scores, an account's being the average
-- of its regions' latest reports (as on /compliance and /accounts). An account needs attention
-- when it has open critical findings, a score under 80, or no document for more than 2 days
-- before $7; the reasons read as docs/api.md shows them.
WITH acc AS (SELECT v.id, v.account, v.account_name FROM view_accounts v WHERE /*filters v*/),
m AS (SELECT date_trunc('month', $7::date)::date AS this_start,
             (date_trunc('month', $7::date) - interval '1 month')::date AS last_start,
             ($7::date - interval '1 month')::date AS last_same_day),
spend AS (
    SELECT coalesce(sum(s.cost) FILTER (WHERE s.day BETWEEN m.this_start AND $7::date), 0)
               AS this_month,
           coalesce(sum(s.cost) FILTER (WHERE s.day >= m.last_start
                                          AND s.day < m.this_start), 0) AS last_month,
           coalesce(sum(s.cost) FILTER (WHERE s.day BETWEEN m.last_start
                                          AND m.last_same_day), 0) AS last_month_to_date
      FROM (SELECT s.day, s.cost
              FROM view360.cost_account_day s JOIN acc ON acc.id = s.account_id
             WHERE NOT ($1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
                        AND $4::text IS NULL AND $5::text IS NULL)
            UNION ALL
            -- All accounts: the rollup per service and day (migration 0006) sums the same rows.
            SELECT r.day, r.cost
              FROM (SELECT day, cost FROM view360.cost_service_day
                    UNION ALL
                    SELECT day, cost FROM view360.cost_service_day_delta) r
             WHERE $1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
               AND $4::text IS NULL AND $5::text IS NULL
               AND r.day BETWEEN (date_trunc('month', $7::date) - interval '1 month')::date
                             AND $7::date) s, m
     WHERE s.day BETWEEN m.last_start AND $7::date),
-- The remainder of the month as the latest cost report of each account forecasts it.
forecast AS (
    SELECT sum(fc.amount) AS rest
      FROM acc
      CROSS JOIN LATERAL (SELECT cr.id FROM cost_reports cr WHERE cr.account_id = acc.id
                           ORDER BY cr.period_start DESC LIMIT 1) latest
      JOIN cost_forecasts fc ON fc.cost_report_id = latest.id, m
     WHERE fc.period_start >= m.this_start
       AND fc.period_start < (m.this_start + interval '1 month')::date),
-- Open findings per accounts row and severity: the rollup per group, severity and service
-- (migration 0006); over all accounts only the critical ones, which the attention list needs.
open_findings AS (
    SELECT se.account_id, o.severity, sum(o.n)::bigint AS n
      FROM view360.open_findings_group o
      JOIN security se ON se.id = o.security_id JOIN acc ON acc.id = se.account_id
     WHERE o.severity = 'CRITICAL'
        OR NOT ($1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
                AND $4::text IS NULL AND $5::text IS NULL)
     GROUP BY se.account_id, o.severity),
sev AS (
    SELECT severity, sum(n) AS n FROM open_findings
     WHERE NOT ($1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
                AND $4::text IS NULL AND $5::text IS NULL)
     GROUP BY severity
    UNION ALL
    -- All accounts: a finding's open/close events (migration 0006) sum to 1 while it is open
    -- and to 0 once closed, so their sum per severity is the number open now.
    SELECT r.severity, sum(r.delta)
      FROM (SELECT severity, delta FROM view360.findings_open_day
            UNION ALL
            SELECT severity, delta FROM view360.findings_open_delta) r
     WHERE $1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
       AND $4::text IS NULL AND $5::text IS NULL
     GROUP BY r.severity),
-- Per accounts row: its latest Config report's score and its latest document (one index probe
-- each), then per account.
per_row AS (
    SELECT acc.id, acc.account, acc.account_name,
           (SELECT c.compliance_score FROM config_reports c WHERE c.account_id = acc.id
             ORDER BY c.date_from DESC LIMIT 1) AS score,
           (SELECT max(l.date_created) FROM logs l WHERE l.account_id = acc.id) AS last_document
      FROM acc),
per_account AS (
    SELECT r.account, min(r.account_name) AS account_name,
           coalesce(sum(o.n), 0)::bigint AS critical, avg(r.score) AS score,
           max(r.last_document) AS last_document
      FROM per_row r
      LEFT JOIN open_findings o ON o.account_id = r.id AND o.severity = 'CRITICAL'
     GROUP BY r.account),
attention AS (
    SELECT account, account_name, critical, score, last_document,
           array_remove(ARRAY[
               CASE WHEN critical > 0
                    THEN critical || CASE WHEN critical = 1 THEN ' critical finding'
                                          ELSE ' critical findings' END END,
               CASE WHEN score < 80 THEN 'compliance ' || round(score) || '%' END,
               CASE WHEN $7::date - last_document::date > 2
                    THEN 'last document ' || ($7::date - last_document::date) || ' days ago' END],
               NULL) AS reasons
      FROM per_account)
SELECT json_build_object(
    'currency', 'USD',
    'latest_data_date', $7::date,
    'spend_this_month', (SELECT round(this_month, 2) FROM spend),
    'spend_last_month', (SELECT round(last_month, 2) FROM spend),
    'spend_last_month_to_date', (SELECT round(last_month_to_date, 2) FROM spend),
    'forecast_this_month', (SELECT round(spend.this_month + forecast.rest, 2) FROM spend, forecast),
    'findings_by_severity', json_build_object(
        'CRITICAL', coalesce((SELECT n FROM sev WHERE severity = 'CRITICAL'), 0),
        'HIGH', coalesce((SELECT n FROM sev WHERE severity = 'HIGH'), 0),
        'MEDIUM', coalesce((SELECT n FROM sev WHERE severity = 'MEDIUM'), 0),
        'LOW', coalesce((SELECT n FROM sev WHERE severity = 'LOW'), 0),
        'INFORMATIONAL', coalesce((SELECT n FROM sev WHERE severity = 'INFORMATIONAL'), 0)),
    'compliance_score', (SELECT round(avg(score), 2) FROM per_account),
    'accounts_total', (SELECT count(DISTINCT account) FROM acc),
    'accounts_attention', coalesce((
        SELECT json_agg(json_build_object('account_id', account, 'account_name', account_name,
                                          'reasons', reasons)
                        ORDER BY critical DESC, score NULLS LAST, account)
          FROM (SELECT * FROM attention WHERE cardinality(reasons) > 0
                 ORDER BY critical DESC, score NULLS LAST, account LIMIT 10) top), '[]'));
