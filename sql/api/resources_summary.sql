-- GET /api/v1/resources/summary: inventoried resources per service and type, most first. $10
-- service, $11 resource type, $12 region, each optional (as on /resources). $1..$5 filters.
SELECT json_build_object('by_type', coalesce((
    SELECT json_agg(json_build_object('service_name', service_name, 'resource_type',
                                      resource_type, 'count', n)
                    ORDER BY n DESC, service_name, resource_type)
      FROM (SELECT v.service_name, v.resource_type, count(*) AS n
              FROM view_service_resources v
             WHERE /*filters v*/
               AND ($10::text IS NULL OR v.service_name = $10)
               AND ($11::text IS NULL OR v.resource_type = $11)
               AND ($12::text IS NULL OR v.region = $12)
             GROUP BY v.service_name, v.resource_type) t), '[]'));
