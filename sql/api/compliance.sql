-- GET /api/v1/compliance: the latest AWS Config compliance score of each account, their
-- average, and the average per day from $6 to $7. $1..$5 filters.
WITH reports AS (SELECT c.* FROM view_config_reports c WHERE /*filters c*/),
latest AS (
    SELECT DISTINCT ON (account_id) account AS account_id, account_name, date_from AS date,
           compliance_score, total_rules, compliant_rules, non_compliant_rules
      FROM reports ORDER BY account_id, date_from DESC),
trend AS (
    SELECT date_from AS day, round(avg(compliance_score), 2) AS score
      FROM reports WHERE date_from BETWEEN $6::date AND $7::date GROUP BY date_from)
SELECT json_build_object(
    'score', (SELECT round(avg(compliance_score), 2) FROM latest),
    'accounts', coalesce((SELECT json_agg(l ORDER BY l.compliance_score NULLS LAST, l.account_id)
                            FROM (SELECT * FROM latest ORDER BY compliance_score NULLS LAST,
                                         account_id LIMIT 500) l), '[]'),
    'trend', json_build_object('dates', coalesce((SELECT json_agg(day ORDER BY day) FROM trend), '[]'),
                               'scores', coalesce((SELECT json_agg(score ORDER BY day) FROM trend), '[]')));
