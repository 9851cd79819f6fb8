-- Instance patches (classification, severity, state) with the account's details and the
-- instance's id and type: one row per inventory_patches row that has an instance.
CREATE OR REPLACE VIEW view_inventory_patches AS
SELECT
    ip.*,
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
    ii.instance_id AS instance_name,
    ii.instance_type
FROM inventory_patches AS ip
    INNER JOIN inventory_instances AS ii ON ii.id = ip.instance_id
    INNER JOIN accounts AS a ON a.id = ip.account_id
    LEFT JOIN (
        SELECT DISTINCT ON (account_id) account_id, product_id
        FROM product_accounts
        ORDER BY account_id, id
    ) AS first_link ON first_link.account_id = a.id
    LEFT JOIN products AS p ON p.id = first_link.product_id;
