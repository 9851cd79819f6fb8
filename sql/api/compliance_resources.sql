-- GET /api/v1/compliance/resources: the non-compliant resources of each account's latest
-- Config report. Paged ($8, $9) and sorted (/*sort*/; row_id, the row's own id, last: an
-- account with several regions has a report per region). $1..$5 filters.
--
-- The latest report of each accounts row is one index probe of config_reports (account_id,
-- date_from) per row, not a sort of every report.
WITH latest AS (
    SELECT c.id, v.account, c.date_from
      FROM view_accounts v
      CROSS JOIN LATERAL (SELECT c.id, c.date_from FROM config_reports c
                           WHERE c.account_id = v.id ORDER BY c.date_from DESC LIMIT 1) c
     WHERE /*filters v*/),
r AS NOT MATERIALIZED (
    SELECT l.account AS account_id, n.rule_name, n.resource_type, n.resource_id,
           n.compliance_type, n.annotation, l.date_from AS date, n.id AS row_id
      FROM non_compliant_resources n JOIN latest l ON l.id = n.config_report_id
     WHERE n.compliance_type IS DISTINCT FROM 'COMPLIANT')
SELECT json_build_object(
    'items', coalesce((SELECT jsonb_agg(to_jsonb(p) - 'row_id' ORDER BY /*sort*/)
                         FROM (SELECT * FROM r ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) p), '[]'::jsonb),
    'total', (SELECT count(*) FROM r), 'limit', $8::int, 'offset', $9::int);
