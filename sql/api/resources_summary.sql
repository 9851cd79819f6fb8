-- GET /api/v1/resources/summary: inventoried resources per service and type. $1..$5 filters.
SELECT json_build_object('by_type', coalesce((
    SELECT json_agg(json_build_object('service_name', service_name, 'resource_type',
                                      resource_type, 'count', n)
                    ORDER BY n DESC, service_name, resource_type)
      FROM (SELECT v.service_name, v.resource_type, count(*) AS n
              FROM view_service_resources v WHERE /*filters v*/
             GROUP BY v.service_name, v.resource_type) t), '[]'));
