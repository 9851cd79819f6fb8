-- GET /api/v1/accounts: one row per account (all its regions), with this month's spend, open
-- critical/high findings, latest compliance score and latest document. Paged ($8, $9) and
-- sorted (/*sort*/; account_id last). $1..$5 filters, $7 latest data date.
--
-- The per-account figures are subqueries in the select list of the paged query: PostgreSQL
-- evaluates them after the sort and LIMIT unless the sort needs them, so a page sorted by name
-- computes them for its own rows only.
WITH a AS (
    SELECT v.account AS account_id, min(v.account_name) AS account_name,
           min(v.account_status) AS status, array_agg(DISTINCT v.region) AS regions,
           min(v.account_customer) AS customer, min(v.account_partner) AS partner,
           min(v.account_type) AS environment, array_agg(v.id) AS ids
      FROM view_accounts v
     WHERE /*filters v*/
     GROUP BY v.account),
listed AS (
    SELECT a.account_id, a.account_name, a.status, a.regions, a.customer, a.partner,
           a.environment,
           (SELECT coalesce(array_agg(DISTINCT pr.name ORDER BY pr.name), '{}')
              FROM product_accounts pa JOIN products pr ON pr.id = pa.product_id
             WHERE pa.account_id = ANY (a.ids)) AS products,
           (SELECT round(coalesce(sum(r.cost), 0), 2) FROM view360.cost_account_day r
             WHERE r.account_id = ANY (a.ids)
               AND r.day BETWEEN date_trunc('month', $7::date)::date AND $7::date)
               AS spend_this_month,
           (SELECT json_build_object(
                       'CRITICAL', count(*) FILTER (WHERE f.severity = 'CRITICAL'),
                       'HIGH', count(*) FILTER (WHERE f.severity = 'HIGH'))
              FROM findings f JOIN security se ON se.id = f.security_id
             WHERE se.account_id = ANY (a.ids) AND f.severity IN ('CRITICAL', 'HIGH')
               AND /*open f*/) AS findings,
           -- The latest report and document of each of the account's rows: an index probe each.
           (SELECT round(avg((SELECT c.compliance_score FROM config_reports c
                               WHERE c.account_id = r.row_id ORDER BY c.date_from DESC LIMIT 1)),
                         2)
              FROM unnest(a.ids) r(row_id)) AS compliance_score,
           (SELECT max((SELECT max(l.date_created) FROM logs l WHERE l.account_id = r.row_id))
              FROM unnest(a.ids) r(row_id)) AS last_document_at
      FROM a)
SELECT json_build_object(
           'items', coalesce((SELECT json_agg(p ORDER BY /*sort*/)
                                FROM (SELECT * FROM listed ORDER BY /*sort*/
                                       LIMIT $8::int OFFSET $9::int) p), '[]'),
           'total', (SELECT count(*) FROM a), 'limit', $8::int, 'offset', $9::int);
