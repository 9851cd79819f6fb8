-- Every product on its own (the account columns are NULL): one row per products row.
CREATE OR REPLACE VIEW view_products AS
SELECT
    pr.*,
    NULL::text AS account,
    NULL::text AS account_region,
    NULL::text AS account_name,
    NULL::text AS account_type,
    NULL::text AS account_category,
    NULL::text AS account_status,
    NULL::text AS account_partner,
    NULL::text AS account_customer,
    NULL::text AS account_full,
    pr.name AS project_product_name
FROM products AS pr;
