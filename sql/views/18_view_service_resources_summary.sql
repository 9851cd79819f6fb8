-- Resource counts (total, active, inactive) per account, service, resource type, region
-- and availability zone: one row per such group.
CREATE OR REPLACE VIEW view_service_resources_summary AS
SELECT
    a.account_id,
    a.region AS account_region,
    a.account_name,
    a.account_type,
    a.category AS account_category,
    a.account_status,
    a.partner_name AS account_partner,
    a.customer_name AS account_customer,
    sr.service_name,
    sr.resource_type,
    sr.region AS resource_region,
    sr.availability_zone,
    COUNT(*) AS resource_count,
    COUNT(*) FILTER (WHERE sr.state IN ('running', 'available', 'Active')) AS active_resources,
    COUNT(*) FILTER (WHERE sr.state IN ('stopped', 'Inactive')) AS inactive_resources
FROM service_resources AS sr
    LEFT JOIN accounts AS a ON a.id = sr.account_id
GROUP BY
    a.account_id, a.region, a.account_name, a.account_type, a.category,
    a.account_status, a.partner_name, a.customer_name,
    sr.service_name, sr.resource_type, sr.region, sr.availability_zone;
