-- GET /api/v1/security/summary: open Security Hub findings by severity, by service and by
-- account. $1..$5 filters.
--
-- The open findings are counted once, per account, severity and service, from the rollup per
-- Security Hub group, severity and service (migration 0006), and only those counts are summed
-- three ways.
WITH open AS (
    SELECT v.account, v.account_name, o.severity, o.service, sum(o.n)::bigint AS n
      FROM view360.open_findings_group o
      JOIN security se ON se.id = o.security_id
      JOIN view_accounts v ON v.id = se.account_id
     WHERE /*filters v*/
     GROUP BY v.account, v.account_name, o.severity, o.service),
by_account AS (
    SELECT account, min(account_name) AS account_name,
           coalesce(sum(n) FILTER (WHERE severity = 'CRITICAL'), 0)::bigint AS critical,
           coalesce(sum(n) FILTER (WHERE severity = 'HIGH'), 0)::bigint AS high,
           coalesce(sum(n) FILTER (WHERE severity = 'MEDIUM'), 0)::bigint AS medium,
           coalesce(sum(n) FILTER (WHERE severity = 'LOW'), 0)::bigint AS low,
           coalesce(sum(n) FILTER (WHERE severity = 'INFORMATIONAL'), 0)::bigint AS informational
      FROM open GROUP BY account)
SELECT json_build_object(
    'by_severity', json_build_object(
        'CRITICAL', (SELECT coalesce(sum(critical), 0)::bigint FROM by_account),
        'HIGH', (SELECT coalesce(sum(high), 0)::bigint FROM by_account),
        'MEDIUM', (SELECT coalesce(sum(medium), 0)::bigint FROM by_account),
        'LOW', (SELECT coalesce(sum(low), 0)::bigint FROM by_account),
        'INFORMATIONAL', (SELECT coalesce(sum(informational), 0)::bigint FROM by_account)),
    'by_service', coalesce((SELECT json_agg(json_build_object('service', service, 'count', n)
                                            ORDER BY n DESC, service)
                              FROM (SELECT service, sum(n)::bigint AS n FROM open
                                     GROUP BY service) s),
                           '[]'),
    'by_account', coalesce((
        SELECT json_agg(json_build_object(
                   'account_id', account, 'account_name', account_name,
                   'CRITICAL', critical, 'HIGH', high, 'MEDIUM', medium, 'LOW', low,
                   'INFORMATIONAL', informational)
                   ORDER BY critical DESC, high DESC, account)
          FROM (SELECT * FROM by_account ORDER BY critical DESC, high DESC, account
                 LIMIT 100) a), '[]'));
