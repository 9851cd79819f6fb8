-- Indexes for the REST API's statements (sql/api/, docs/api.md), measured by bench/api_bench.cpp
-- on 1,000 accounts x 90 days (docs/PERFORMANCE.md). Only indexes: the v2 tables, columns,
-- constraints and views are unchanged. Each names the statement it serves.

-- security/findings: the default order (most severe, newest first; severity_level as the
-- statement computes it) and sort=updated_at, so that a page is read in order and stops.
CREATE INDEX api_findings_severity_order ON findings (
    (array_position(ARRAY['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'], severity::text))
        DESC NULLS LAST,
    updated_at DESC, finding_id);
CREATE INDEX api_findings_updated_at ON findings (updated_at, finding_id);
-- security/trend: the findings first seen in the range.
CREATE INDEX api_findings_created_at ON findings (created_at) INCLUDE (security_id, severity);

-- costs/*, overview, accounts: the services rows of a date range (index-only), and of an
-- account's month.
CREATE INDEX api_services_date ON services (date_from) INCLUDE (account_id, service, cost);
CREATE INDEX api_services_account_date ON services (account_id, date_from) INCLUDE (cost);

-- compliance: the reports of the trend's days.
CREATE INDEX api_config_reports_date ON config_reports (date_from)
    INCLUDE (account_id, compliance_score);

-- The default orders of health-events, support-cases, and resources sorted by name.
CREATE INDEX api_health_events_start ON health_events (start_time DESC NULLS LAST, arn);
CREATE INDEX api_support_tickets_created ON support_tickets (time_created DESC, case_id);
CREATE INDEX api_service_resources_name ON service_resources (resource_name, id);

-- operations/documents: newest event first.
CREATE INDEX api_ingest_ledger_event ON view360.ingest_ledger (
    (greatest(loaded_at, failed_at, first_seen_at)) DESC, object_key, source);

-- overview, accounts, security/summary: a Security Hub group's findings with what says whether
-- they are open, index-only. (Not a partial index on the open predicate: its expressions have
-- no statistics, so the planner believed it held a few hundred rows and scanned all of it once
-- per account: 25 s for a page of accounts.)
CREATE INDEX api_findings_group ON findings (security_id, severity)
    INCLUDE (service, workflow_state, record_state);
