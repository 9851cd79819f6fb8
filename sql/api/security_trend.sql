-- GET /api/v1/security/trend: the Security Hub findings open on each day from $6 to $7, by
-- severity. $1..$5 filters. A finding is open on day d when it was first seen (created_at) on
-- or before d and is either open now or was closed (resolved, suppressed or archived) after d;
-- the warehouse keeps no history of a finding, so its closing time is its last update
-- (updated_at). Days are those of the session's time zone.
--
-- Counted as a running sum of +1 on the day a finding opens (or $6) and -1 on the day it
-- closes, which reads each finding once whatever the length of the range. Without a filter
-- (and in UTC, as the API's sessions are), the events come summed per severity and day from
-- view360.findings_open_day and its deltas instead of the findings.
WITH days AS (SELECT d::date AS day FROM generate_series($6::date, $7::date, interval '1 day') d),
spans AS (
    SELECT f.severity,
           f.created_at::date AS opened,
           CASE WHEN /*open f*/ THEN NULL ELSE f.updated_at::date END AS closed
      FROM view_acct_security_findings_details f
     WHERE NOT ($1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
                AND $4::text IS NULL AND $5::text IS NULL
                AND view360.session_in_utc())
       AND /*filters f*/ AND f.created_at < $7::date + 1
       AND (/*open f*/ OR (f.updated_at >= $6::date + 1 AND f.updated_at::date > f.created_at::date))),
deltas AS (
    SELECT severity, day, sum(delta) AS delta
      FROM (SELECT severity, greatest(opened, $6::date) AS day, 1 AS delta FROM spans
            UNION ALL
            SELECT severity, closed, -1 FROM spans WHERE closed <= $7::date
            UNION ALL
            -- All accounts: the same events, summed per severity and day (UTC) by the
            -- rollup of migration 0006 (compacted sums and the deltas since); those before $6
            -- count on $6, those of findings closed before $6 sum to nothing.
            SELECT r.severity, greatest(r.day, $6::date), r.delta::integer
              FROM (SELECT severity, day, delta FROM view360.findings_open_day
                    UNION ALL
                    SELECT severity, day, delta FROM view360.findings_open_delta) r
             WHERE $1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL AND $4::text IS NULL
               AND $5::text IS NULL AND view360.session_in_utc()
               AND r.day <= $7::date) e
     GROUP BY 1, 2),
series AS (
    SELECT severity, json_agg(n ORDER BY day) AS values
      FROM (SELECT s.severity, d.day,
                   sum(coalesce(x.delta, 0)) OVER (PARTITION BY s.severity ORDER BY d.day) AS n
              FROM unnest(ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']) AS s(severity)
              CROSS JOIN days d
              LEFT JOIN deltas x ON x.day = d.day AND x.severity = s.severity) running
     GROUP BY severity)
SELECT json_build_object(
    'dates', (SELECT json_agg(day ORDER BY day) FROM days),
    'series', (SELECT json_object_agg(severity, values) FROM series));
