-- GET /api/v1/compliance: AWS Config compliance per account, overall, and its trend from $6 to
-- $7. $1..$5 filters.
--
-- An account is counted once however many regions report for it: its figures come from the
-- latest report of each of its regions (warehouse accounts rows), rules summed and scores
-- averaged. The overall score is the average of the accounts' scores (as on the overview), and
-- each day of the trend the same average over that day's reports.
--
-- The latest report of each accounts row is one index probe of config_reports (account_id,
-- date_from) per row; the trend reads the reports of its days only, or over all accounts the
-- rollup of their scores per account and day (migration 0008).
WITH latest AS (
    SELECT v.account, v.account_name, c.date_from, c.compliance_score, c.total_rules,
           c.compliant_rules, c.non_compliant_rules
      FROM view_accounts v
      CROSS JOIN LATERAL (SELECT * FROM config_reports c WHERE c.account_id = v.id
                           ORDER BY c.date_from DESC LIMIT 1) c
     WHERE /*filters v*/),
per_account AS (
    SELECT account AS account_id, min(account_name) AS account_name, max(date_from) AS date,
           avg(compliance_score) AS score, sum(total_rules) AS total_rules,
           sum(compliant_rules) AS compliant_rules, sum(non_compliant_rules) AS non_compliant_rules
      FROM latest GROUP BY account),
daily AS (
    SELECT c.date_from AS day, avg(c.compliance_score) AS score
      FROM view_config_reports c
     WHERE /*filters c*/ AND c.date_from BETWEEN $6::date AND $7::date
       AND NOT ($1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL
                AND $4::text IS NULL AND $5::text IS NULL)
     GROUP BY c.date_from, c.account
    UNION ALL
    -- Over all accounts: the same averages, kept per account and day (migration 0008). The
    -- bounds computed once (text to date is not folded, and a scan would convert per row).
    SELECT r.day, r.score
      FROM view360.compliance_account_day r
     WHERE $1::text[] IS NULL AND $2::text IS NULL AND $3::text IS NULL AND $4::text IS NULL
       AND $5::text IS NULL AND r.day BETWEEN (SELECT $6::date) AND (SELECT $7::date)),
trend AS (SELECT day, round(avg(score), 2) AS score FROM daily GROUP BY day)
SELECT json_build_object(
    'score', (SELECT round(avg(score), 2) FROM per_account),
    'accounts', coalesce((
        SELECT json_agg(json_build_object(
                   'account_id', account_id, 'account_name', account_name, 'date', date,
                   'compliance_score', round(score, 2), 'total_rules', total_rules,
                   'compliant_rules', compliant_rules, 'non_compliant_rules', non_compliant_rules)
                   ORDER BY score NULLS LAST, account_id)
          FROM (SELECT * FROM per_account ORDER BY score NULLS LAST, account_id LIMIT 500) a),
        '[]'),
    'trend', json_build_object('dates', coalesce((SELECT json_agg(day ORDER BY day) FROM trend), '[]'),
                               'scores', coalesce((SELECT json_agg(score ORDER BY day) FROM trend), '[]')));
