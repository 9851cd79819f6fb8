-- The receiver's own state (docs/ingest.md): one ledger row per document it has seen, one row
-- per run, and non-unique indexes that turn the lookups of the natural keys the original
-- schema does not enforce (specs/view360.md section f.5) into index scans. The View360 v2
-- tables, columns and constraints are unchanged.

CREATE TABLE view360.ingest_runs (
    id bigserial PRIMARY KEY,
    source text NOT NULL,                 -- The store location, or "files".
    host text NOT NULL,
    started_at timestamp with time zone NOT NULL DEFAULT now(),
    finished_at timestamp with time zone,
    documents_loaded integer NOT NULL DEFAULT 0,
    documents_skipped integer NOT NULL DEFAULT 0,
    documents_failed integer NOT NULL DEFAULT 0,
    rows_created bigint NOT NULL DEFAULT 0,
    rows_updated bigint NOT NULL DEFAULT 0,
    rows_unchanged bigint NOT NULL DEFAULT 0
);

-- A document's status is written in the same transaction as its rows: 'loaded' rows are in the
-- tables, 'failed' ones are not (error says why), 'pending' ones were seen and not yet decided.
CREATE TABLE view360.ingest_ledger (
    source text NOT NULL,
    object_key text NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'loaded', 'failed')),
    size bigint,
    sha256 text,
    etag text,
    account_id text,
    region text,
    attempts integer NOT NULL DEFAULT 0,
    first_seen_at timestamp with time zone NOT NULL DEFAULT now(),
    loaded_at timestamp with time zone,
    failed_at timestamp with time zone,
    error jsonb,
    row_counts jsonb,
    run_id bigint REFERENCES view360.ingest_runs(id) ON DELETE SET NULL,
    PRIMARY KEY (source, object_key)
);
CREATE INDEX ingest_ledger_status ON view360.ingest_ledger (status, source);

CREATE INDEX ingest_non_compliant_resources_report ON non_compliant_resources (config_report_id);
CREATE INDEX ingest_kms_keys_key_id ON kms_keys (key_id);
CREATE INDEX ingest_waf_rules_waf_id ON waf_rules (waf_id);
CREATE INDEX ingest_service_resources_key ON service_resources (account_id, resource_id);
CREATE INDEX ingest_compute_optimizer_arn ON compute_optimizer (resource_arn);
CREATE INDEX ingest_inventory_applications_account ON inventory_applications (account_id, instance_id);
CREATE INDEX ingest_inventory_patches_account ON inventory_patches (account_id, instance_id);
CREATE INDEX ingest_guard_duty_findings_key ON guard_duty_findings (account_id, detector_id);
CREATE INDEX ingest_products_lower_name ON products (lower(name));
