-- Account overview with the account's latest cost report (MONTHLY preferred), its security
-- counts summed over its services, instance counts and a 1-5 security health score: one row
-- per account. Fixes D1 of the original, whose LIMIT 1 sub-queries ran over ALL accounts.
CREATE OR REPLACE VIEW view_acct_summary AS
SELECT
    a.*,
    a.account_id AS account,
    a.region AS account_region,
    a.category AS account_category,
    a.partner_name AS account_partner,
    a.customer_name AS account_customer,
    CONCAT(a.account_id, '-', a.account_name) AS account_full,
    p.name AS project_product_name,
    COALESCE(lc.current_period_cost, 0) AS latest_cost,
    COALESCE(lc.cost_difference_percentage, 0) AS cost_trend_percentage,
    COALESCE(lc.potential_monthly_savings, 0) AS savings_opportunity,
    COALESCE(ls.total_findings, 0) AS security_findings,
    COALESCE(ls.critical_count, 0) AS critical_findings,
    COALESCE(ls.high_count, 0) AS high_findings,
    COALESCE(inv.instance_count, 0) AS instance_count,
    COALESCE(inv.running_instances, 0) AS running_instances,
    CASE
        WHEN ls.critical_count > 0 THEN 1
        WHEN ls.high_count > 0 THEN 2
        WHEN ls.medium_count > 0 THEN 3
        WHEN ls.low_count > 0 THEN 4
        ELSE 5
    END AS security_health_score
FROM accounts AS a
    LEFT JOIN (
        SELECT DISTINCT ON (account_id) account_id, product_id
        FROM product_accounts
        ORDER BY account_id, id
    ) AS first_link ON first_link.account_id = a.id
    LEFT JOIN products AS p ON p.id = first_link.product_id
    LEFT JOIN (
        SELECT DISTINCT ON (account_id)
            account_id, current_period_cost, cost_difference_percentage,
            potential_monthly_savings
        FROM cost_reports
        ORDER BY account_id, (period_granularity = 'MONTHLY') DESC, period_end DESC, id DESC
    ) AS lc ON lc.account_id = a.id
    LEFT JOIN (
        SELECT
            account_id,
            SUM(total_findings)::integer AS total_findings,
            SUM(critical_count)::integer AS critical_count,
            SUM(high_count)::integer AS high_count,
            SUM(medium_count)::integer AS medium_count,
            SUM(low_count)::integer AS low_count
        FROM security
        GROUP BY account_id
    ) AS ls ON ls.account_id = a.id
    LEFT JOIN (
        SELECT
            account_id,
            COUNT(*) AS instance_count,
            COUNT(*) FILTER (WHERE ping_status = 'Online') AS running_instances
        FROM inventory_instances
        GROUP BY account_id
    ) AS inv ON inv.account_id = a.id;
