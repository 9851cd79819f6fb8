-- GET /api/v1/compliance/resources: the non-compliant resources of each account's latest
-- Config report. Paged ($8, $9). $1..$5 filters.
WITH latest AS (
    SELECT DISTINCT ON (c.account_id) c.id, c.account, c.date_from
      FROM view_config_reports c WHERE /*filters c*/
     ORDER BY c.account_id, c.date_from DESC),
r AS (
    SELECT l.account AS account_id, n.rule_name, n.resource_type, n.resource_id,
           n.compliance_type, n.annotation, l.date_from AS date
      FROM non_compliant_resources n JOIN latest l ON l.id = n.config_report_id
     WHERE n.compliance_type IS DISTINCT FROM 'COMPLIANT')
SELECT json_build_object(
    'items', coalesce((SELECT json_agg(p ORDER BY p.account_id, p.rule_name, p.resource_id)
                         FROM (SELECT * FROM r ORDER BY account_id, rule_name, resource_id
                                LIMIT $8::int OFFSET $9::int) p), '[]'),
    'total', (SELECT count(*) FROM r), 'limit', $8::int, 'offset', $9::int);
