-- Cost, service and security overview: one row per account and cost granularity (latest
-- report of each), or one row with empty cost columns when the account has no cost report.
CREATE OR REPLACE VIEW view_summary AS
SELECT
    a.id AS account_id,
    a.account_id AS account,
    a.region AS account_region,
    a.account_name,
    a.account_type,
    a.category AS account_category,
    a.account_status,
    a.partner_name AS account_partner,
    a.customer_name AS account_customer,
    CONCAT(a.account_id, '-', a.account_name) AS account_full,
    a.csp AS account_csp,
    COALESCE(pc.number_of_products, 0) AS number_of_products,
    cr.period_granularity,
    cr.period_start AS date_from,
    cr.period_end AS date_to,
    ROUND(cr.current_period_cost, 2) AS current_period_cost,
    ROUND(cr.previous_period_cost, 2) AS previous_period_cost,
    ROUND(cr.cost_difference, 2) AS cost_difference,
    ROUND(cr.cost_difference_percentage, 4) AS cost_difference_percentage,
    ROUND(cr.potential_monthly_savings, 2) AS potential_savings,
    sm.service_count,
    sm.unique_services,
    ROUND(sm.total_service_cost, 2) AS total_service_cost,
    sm.services_used,
    sec.total_findings,
    sec.open_findings,
    sec.resolved_findings,
    sec.critical_findings,
    sec.high_findings,
    sec.medium_findings,
    sec.low_findings,
    ROUND(sec.resolved_findings::numeric / NULLIF(sec.total_findings, 0), 4)
        AS security_resolution_rate,
    a.account_email,
    a.joined_method,
    a.joined_timestamp,
    (CURRENT_DATE - a.joined_timestamp::date)::numeric AS account_age_days
FROM accounts AS a
    LEFT JOIN (
        SELECT DISTINCT ON (account_id, period_granularity)
            account_id, period_granularity, period_start, period_end,
            current_period_cost, previous_period_cost, cost_difference,
            cost_difference_percentage, potential_monthly_savings
        FROM cost_reports
        ORDER BY account_id, period_granularity, period_end DESC, period_start DESC, id DESC
    ) AS cr ON cr.account_id = a.id
    LEFT JOIN (
        SELECT
            account_id,
            COUNT(DISTINCT id) AS service_count,
            COUNT(DISTINCT service) AS unique_services,
            SUM(cost) AS total_service_cost,
            STRING_AGG(DISTINCT service, ', ') AS services_used
        FROM services
        GROUP BY account_id
    ) AS sm ON sm.account_id = a.id
    LEFT JOIN (
        SELECT
            account_id,
            SUM(total_findings) AS total_findings,
            SUM(open_findings) AS open_findings,
            SUM(resolved_findings) AS resolved_findings,
            SUM(critical_count) AS critical_findings,
            SUM(high_count) AS high_findings,
            SUM(medium_count) AS medium_findings,
            SUM(low_count) AS low_findings
        FROM security
        GROUP BY account_id
    ) AS sec ON sec.account_id = a.id
    LEFT JOIN (
        SELECT account_id, COUNT(DISTINCT product_id) AS number_of_products
        FROM product_accounts
        GROUP BY account_id
    ) AS pc ON pc.account_id = a.id
ORDER BY a.account_name, cr.period_start DESC;
