-- GET /api/v1/security/summary: open Security Hub findings by severity, by service and by
-- account. $1..$5 filters.
--
-- The open findings come counted per Security Hub group (one accounts row), severity and
-- service by a rollup (migration 0006): summed per group and severity for the accounts, and
-- per service, and only then per account.
WITH acc AS (
    SELECT se.id AS security_id, v.account, v.account_name
      FROM security se JOIN view_accounts v ON v.id = se.account_id
     WHERE /*filters v*/),
open AS NOT MATERIALIZED (
    SELECT o.security_id, o.severity, o.service, o.n
      FROM view360.open_findings_group o JOIN acc ON acc.security_id = o.security_id),
per_group AS (SELECT security_id, severity, sum(n) AS n FROM open GROUP BY 1, 2),
by_account AS (
    SELECT acc.account, min(acc.account_name) AS account_name,
           coalesce(sum(g.n) FILTER (WHERE g.severity = 'CRITICAL'), 0)::bigint AS critical,
           coalesce(sum(g.n) FILTER (WHERE g.severity = 'HIGH'), 0)::bigint AS high,
           coalesce(sum(g.n) FILTER (WHERE g.severity = 'MEDIUM'), 0)::bigint AS medium,
           coalesce(sum(g.n) FILTER (WHERE g.severity = 'LOW'), 0)::bigint AS low,
           coalesce(sum(g.n) FILTER (WHERE g.severity = 'INFORMATIONAL'), 0)::bigint
               AS informational
      FROM per_group g JOIN acc ON acc.security_id = g.security_id
     GROUP BY acc.account)
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
