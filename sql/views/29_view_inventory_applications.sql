-- Installed applications (name only) with the instance they run on and the account's
-- details: one row per inventory_applications row that has an instance.
CREATE OR REPLACE VIEW view_inventory_applications AS
SELECT
    ia.name,
    ii.id AS ii_id,
    ii.account_id AS ii_account_id,
    ii.instance_id AS ii_instance_id,
    ii.instance_type,
    ii.platform,
    ii.ip_address,
    ii.computer_name,
    ii.ping_status,
    ii.last_ping_date_time,
    ii.agent_version,
    ii.platform_type,
    ii.platform_version,
    ii.is_latest_version,
    ii.association_status,
    ii.association_execution_date,
    ii.association_success_date,
    ii.created_at AS ii_created_at,
    a.account_id AS account,
    a.region AS account_region,
    a.account_name,
    a.account_type,
    a.category AS account_category,
    a.account_status,
    a.partner_name AS account_partner,
    a.customer_name AS account_customer,
    CONCAT(a.account_id, '-', a.account_name) AS account_full,
    p.name AS project_product_name
FROM inventory_applications AS ia
    INNER JOIN inventory_instances AS ii ON ii.id = ia.instance_id
    INNER JOIN accounts AS a ON a.id = ia.account_id
    LEFT JOIN (
        SELECT DISTINCT ON (account_id) account_id, product_id
        FROM product_accounts
        ORDER BY account_id, id
    ) AS first_link ON first_link.account_id = a.id
    LEFT JOIN products AS p ON p.id = first_link.product_id;
