-- Compute Optimizer totals (resources, savings, risk) per account, product, resource
-- type and finding: one row per such group.
CREATE OR REPLACE VIEW view_compute_optimizer_summary AS
SELECT
    a.account_id AS account,
    a.region AS account_region,
    a.account_name,
    a.account_type,
    a.category AS account_category,
    a.account_status,
    a.partner_name AS account_partner,
    a.customer_name AS account_customer,
    CONCAT(a.account_id, '-', a.account_name) AS account_full,
    p.name AS project_product_name,
    co.resource_type,
    co.finding,
    COUNT(*) AS resource_count,
    SUM(co.estimated_monthly_savings_usd) AS total_monthly_savings,
    AVG(co.savings_opportunity_percentage) AS avg_savings_percentage,
    AVG(co.performance_risk) AS avg_performance_risk,
    COUNT(*) FILTER (WHERE co.finding = 'NotOptimized') AS not_optimized_count,
    COUNT(*) FILTER (WHERE co.estimated_monthly_savings_usd > 0) AS savings_opportunities
FROM compute_optimizer AS co
    LEFT JOIN accounts AS a ON a.id = co.account_id
    LEFT JOIN (
        SELECT DISTINCT ON (account_id) account_id, product_id
        FROM product_accounts
        ORDER BY account_id, id
    ) AS first_link ON first_link.account_id = a.id
    LEFT JOIN products AS p ON p.id = first_link.product_id
GROUP BY
    a.account_id, a.region, a.account_name, a.account_type, a.category,
    a.account_status, a.partner_name, a.customer_name, p.name,
    co.resource_type, co.finding;
