-- GET /api/v1/security/trend: Security Hub findings first seen each day from $6 to $7, by
-- severity. $1..$5 filters.
WITH days AS (SELECT d::date AS day FROM generate_series($6::date, $7::date, interval '1 day') d),
counts AS (
    SELECT f.created_at::date AS day, f.severity, count(*) AS n
      FROM view_acct_security_findings_details f
     WHERE /*filters f*/ AND f.created_at >= $6::date AND f.created_at < $7::date + 1
     GROUP BY 1, 2),
series AS (
    SELECT s.severity,
           json_agg(coalesce(c.n, 0) ORDER BY d.day) AS values
      FROM unnest(ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']) AS s(severity)
      CROSS JOIN days d
      LEFT JOIN counts c ON c.day = d.day AND c.severity = s.severity
     GROUP BY s.severity)
SELECT json_build_object(
    'dates', (SELECT json_agg(day ORDER BY day) FROM days),
    'series', (SELECT json_object_agg(severity, values) FROM series));
