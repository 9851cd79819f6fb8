-- Indexes on the whole natural key of the tables whose key the receiver only emulates
-- (specs/view360.md section f.5; docs/ingest.md "How rows are written"), so that matching a
-- staged row is one index lookup. 0002's indexes on a prefix of these keys made the receiver
-- read every application, patch or non-compliant resource of an instance or report per staged
-- row (docs/PERFORMANCE.md, "Loading documents"); the new indexes answer the prefix too, so
-- those are dropped. Nothing else changes: no table, column or constraint.

CREATE INDEX ingest_inventory_applications_key ON inventory_applications (account_id, instance_id, name);
DROP INDEX ingest_inventory_applications_account;
CREATE INDEX ingest_inventory_patches_key ON inventory_patches (account_id, instance_id, title);
DROP INDEX ingest_inventory_patches_account;
CREATE INDEX ingest_non_compliant_resources_key ON non_compliant_resources (config_report_id, resource_id, rule_name);
DROP INDEX ingest_non_compliant_resources_report;
-- Without region (text, unbounded: a long value would not fit a btree entry); the receiver
-- writes 'Global' there, and a report has one row per service or forecast period.
CREATE INDEX ingest_service_costs_key ON service_costs (cost_report_id, service_name);
CREATE INDEX ingest_cost_forecasts_key ON cost_forecasts (cost_report_id, period_start);
