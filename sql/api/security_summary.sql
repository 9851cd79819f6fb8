-- GET /api/v1/security/summary: open Security Hub findings by severity, by service and by
-- account. $1..$5 filters.
WITH open AS (
    SELECT f.severity, f.service, f.account, f.account_name
      FROM view_acct_security_findings_details f WHERE /*filters f*/ AND /*open f*/)
SELECT json_build_object(
    'by_severity', json_build_object(
        'CRITICAL', (SELECT count(*) FROM open WHERE severity = 'CRITICAL'),
        'HIGH', (SELECT count(*) FROM open WHERE severity = 'HIGH'),
        'MEDIUM', (SELECT count(*) FROM open WHERE severity = 'MEDIUM'),
        'LOW', (SELECT count(*) FROM open WHERE severity = 'LOW'),
        'INFORMATIONAL', (SELECT count(*) FROM open WHERE severity = 'INFORMATIONAL')),
    'by_service', coalesce((SELECT json_agg(json_build_object('service', service, 'count', n)
                                            ORDER BY n DESC, service)
                              FROM (SELECT service, count(*) AS n FROM open GROUP BY service) s),
                           '[]'),
    'by_account', coalesce((
        SELECT json_agg(json_build_object(
                   'account_id', account, 'account_name', account_name,
                   'CRITICAL', critical, 'HIGH', high, 'MEDIUM', medium, 'LOW', low,
                   'INFORMATIONAL', informational)
                   ORDER BY critical DESC, high DESC, account)
          FROM (SELECT account, min(account_name) AS account_name,
                       count(*) FILTER (WHERE severity = 'CRITICAL') AS critical,
                       count(*) FILTER (WHERE severity = 'HIGH') AS high,
                       count(*) FILTER (WHERE severity = 'MEDIUM') AS medium,
                       count(*) FILTER (WHERE severity = 'LOW') AS low,
                       count(*) FILTER (WHERE severity = 'INFORMATIONAL') AS informational
                  FROM open GROUP BY account ORDER BY critical DESC, high DESC, account
                 LIMIT 100) a), '[]'));
