-- GET /api/v1/resources: inventoried resources. Paged ($8, $9) and sorted (/*sort*/; row_id,
-- the row's own id, last). $10 service, $11 resource type, $12 region, each optional. $1..$5
-- filters.
WITH r AS NOT MATERIALIZED (
    SELECT v.account AS account_id, v.service_name, v.resource_type, v.resource_id,
           v.resource_name, v.region, v.state, v.instance_type, v.id AS row_id
      FROM view_service_resources v
     WHERE /*filters v*/
       AND ($10::text IS NULL OR v.service_name = $10)
       AND ($11::text IS NULL OR v.resource_type = $11)
       AND ($12::text IS NULL OR v.region = $12))
SELECT json_build_object(
    'items', coalesce((SELECT jsonb_agg(to_jsonb(p) - 'row_id' ORDER BY /*sort*/)
                         FROM (SELECT * FROM r ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) p), '[]'::jsonb),
    'total', (SELECT count(*) FROM r), 'limit', $8::int, 'offset', $9::int);
