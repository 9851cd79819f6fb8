-- GET /api/v1/accounts: one row per account (all its regions), with this month's spend, open
-- critical/high findings, latest compliance score and latest document. Paged.
-- $1..$5 filters, $7 latest data date, $8 limit, $9 offset.
WITH a AS (
    SELECT v.account AS account_id, min(v.account_name) AS account_name,
           min(v.account_status) AS status, array_agg(DISTINCT v.region) AS regions,
           min(v.account_customer) AS customer, min(v.account_partner) AS partner,
           min(v.account_type) AS environment, array_agg(v.id) AS ids
      FROM view_accounts v
     WHERE /*filters v*/
     GROUP BY v.account),
page AS (SELECT * FROM a ORDER BY account_id LIMIT $8::int OFFSET $9::int),
detail AS (
    SELECT p.*,
           (SELECT coalesce(array_agg(DISTINCT pr.name ORDER BY pr.name), '{}')
              FROM product_accounts pa JOIN products pr ON pr.id = pa.product_id
             WHERE pa.account_id = ANY (p.ids)) AS products,
           (SELECT coalesce(sum(s.cost), 0) FROM services s
             WHERE s.account_id = ANY (p.ids)
               AND s.date_from BETWEEN date_trunc('month', $7::date)::date AND $7::date)
               AS spend_this_month,
           (SELECT json_build_object(
                       'CRITICAL', count(*) FILTER (WHERE f.severity = 'CRITICAL'),
                       'HIGH', count(*) FILTER (WHERE f.severity = 'HIGH'))
              FROM findings f JOIN security se ON se.id = f.security_id
             WHERE se.account_id = ANY (p.ids) AND /*open f*/) AS findings,
           (SELECT avg(latest.compliance_score) FROM (
                SELECT DISTINCT ON (c.account_id) c.compliance_score FROM config_reports c
                 WHERE c.account_id = ANY (p.ids) ORDER BY c.account_id, c.date_from DESC) latest)
               AS compliance_score,
           (SELECT max(l.date_created) FROM logs l WHERE l.account_id = ANY (p.ids))
               AS last_document_at
      FROM page p)
SELECT json_build_object(
           'items', coalesce((SELECT json_agg(json_build_object(
               'account_id', account_id, 'account_name', account_name, 'status', status,
               'regions', regions, 'customer', customer, 'partner', partner,
               'environment', environment, 'products', products,
               'spend_this_month', round(spend_this_month, 2), 'findings', findings,
               'compliance_score', round(compliance_score, 2),
               'last_document_at', last_document_at) ORDER BY account_id) FROM detail), '[]'),
           'total', (SELECT count(*) FROM a), 'limit', $8::int, 'offset', $9::int);
