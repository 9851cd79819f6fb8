-- Rollups over all accounts for the API's unfiltered answers (docs/PERFORMANCE.md, "Serving
-- the API"): the cost per service and day, and the Security Hub findings that open and close
-- on each day, by severity. Nothing of the v2 schema changes: view360 tables, functions and
-- triggers.
--
-- Insert-only deltas. A row of either rollup sums every account, and receivers load accounts
-- concurrently: updating one shared row in each writer's transaction would make them queue on
-- it. Instead the triggers of services and findings append, per statement, the change it made
-- (one row per key it touched, summed over its rows) to a delta table, which writers never
-- update; a base table holds the compacted sums. The value of a key is its base row plus its
-- deltas, and readers sum both in one snapshot. view360.compact_rollups() moves the deltas
-- into the base in one transaction (the receiver calls it at the end of each run), so a reader
-- sees either the deltas or their sum, never both or neither.
--
-- Contracts (checked by tests/warehouse/global_rollups_test.cpp):
-- - Costs: for every (service, day), the sum of cost_service_day and cost_service_day_delta
--   is (sum(services.cost), count(*)) over the services rows of that service and date_from,
--   (0, 0) without rows. Sums of numeric are exact, so the sums of these sums equal the sums
--   of the rows, scale included.
-- - Findings: for every (severity, day), the sum of findings_open_day and findings_open_delta
--   is the sum of view360.finding_open_events over the findings of that severity: +1 on the
--   day a finding was first seen and, when it is closed, -1 on the day it was closed; nothing
--   for one closed on or before the day it was first seen (days in UTC, as the API's sessions
--   use). The findings open at the end of day d are then the sum of the deltas up to d, and
--   the findings open now the sum of all of them (sql/api/security_trend.sql has the
--   definition).
--
-- Beside them, one rollup per accounts row like 0005's: view360.open_findings_group, the open
-- findings per Security Hub group (one accounts row), severity and service, for the overview
-- and security/summary with or without a filter. Its rows belong to one account, which one
-- receiver at a time writes, so the findings triggers update it in place.
-- - For every (security_id, severity, service) with open findings, one row whose n is their
--   number; no row without.

CREATE TABLE view360.cost_service_day (
    service varchar(255) NOT NULL,
    day date NOT NULL,
    cost numeric NOT NULL,
    rows integer NOT NULL,  -- services rows summed: a (service, day) without rows is not shown.
    PRIMARY KEY (day, service)  -- Day first: the API reads a range of days.
);
CREATE TABLE view360.cost_service_day_delta (
    service varchar(255) NOT NULL,
    day date NOT NULL,
    cost numeric NOT NULL,
    rows integer NOT NULL
);

CREATE TABLE view360.findings_open_day (
    severity varchar(50) NOT NULL,
    day date NOT NULL,
    delta bigint NOT NULL,
    PRIMARY KEY (severity, day)
);
CREATE TABLE view360.findings_open_delta (
    severity varchar(50) NOT NULL,
    day date NOT NULL,
    delta bigint NOT NULL
);

CREATE TABLE view360.open_findings_group (
    security_id integer NOT NULL,
    severity varchar(50) NOT NULL,
    service varchar(255) NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (security_id, severity, service)
);

-- A Security Hub finding is open: the API's /*open f*/ (src/serve/api.cpp). Inlined.
CREATE FUNCTION view360.finding_is_open(workflow_state text, record_state text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(workflow_state, 'NEW') NOT IN ('RESOLVED', 'SUPPRESSED')
       AND coalesce(record_state, 'ACTIVE') = 'ACTIVE'
$$;

-- The session's TimeZone is UTC, so that its days are the findings rollup's. The API gates a
-- branch of security/trend on it. PL/pgSQL (never inlined) and PARALLEL RESTRICTED on purpose:
-- the planner then keeps the gated branch out of parallel workers, which it would otherwise
-- launch before the gate closes the branch (10 ms per call).
CREATE FUNCTION view360.session_in_utc() RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED AS $$
BEGIN
    RETURN current_setting('TimeZone') = 'UTC';
END $$;

-- What one finding adds to the open counts: +1 on the day it was first seen when it is open or
-- was closed on a later day, -1 on the day it was closed (its last update) then. A finding
-- closed on the day it was first seen (or before) was never open at the end of a day.
-- Inlined by the planner (SQL, immutable).
CREATE FUNCTION view360.finding_open_events(created_at timestamptz, updated_at timestamptz,
                                            workflow_state text, record_state text)
RETURNS TABLE (day date, delta integer) LANGUAGE sql IMMUTABLE AS $$
    SELECT e.day, e.delta
      FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS opened,
                   CASE WHEN view360.finding_is_open(workflow_state, record_state) THEN NULL
                        ELSE (updated_at AT TIME ZONE 'UTC')::date END AS closed) f
     CROSS JOIN LATERAL (VALUES (f.opened, 1), (f.closed, -1)) e(day, delta)
     WHERE (f.closed IS NULL AND e.delta = 1) OR f.closed > f.opened
$$;

-- The costs' deltas of a statement on services. The functions of migration 0005 are replaced
-- by ones that also append them: one trigger call per statement keeps both rollups.
CREATE OR REPLACE FUNCTION view360.services_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM view360.recompute_cost_account_day(array_agg(account_id), array_agg(date_from))
       FROM (SELECT DISTINCT account_id, date_from FROM new_rows) x;
    INSERT INTO view360.cost_service_day_delta (service, day, cost, rows)
    SELECT service, date_from, sum(cost), count(*) FROM new_rows GROUP BY service, date_from;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION view360.services_rollup_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM view360.recompute_cost_account_day(array_agg(account_id), array_agg(date_from))
       FROM (SELECT account_id, date_from FROM new_rows
             UNION SELECT account_id, date_from FROM old_rows) x;
    -- The new rows less the old ones; a row rewritten unchanged adds nothing.
    INSERT INTO view360.cost_service_day_delta (service, day, cost, rows)
    SELECT service, date_from, sum(cost), sum(n)
      FROM (SELECT service, date_from, cost, 1 AS n FROM new_rows
            UNION ALL SELECT service, date_from, -cost, -1 FROM old_rows) x
     GROUP BY service, date_from
    HAVING sum(cost) <> 0 OR sum(n) <> 0;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION view360.services_rollup_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM view360.recompute_cost_account_day(array_agg(account_id), array_agg(date_from))
       FROM (SELECT DISTINCT account_id, date_from FROM old_rows) x;
    INSERT INTO view360.cost_service_day_delta (service, day, cost, rows)
    SELECT service, date_from, -sum(cost), -count(*) FROM old_rows GROUP BY service, date_from;
    RETURN NULL;
END $$;

-- pg_advisory_xact_lock(736003, 0): the compaction of the rollups (736001 and 736002 are the
-- receiver's, src/ingest/). TRUNCATE waits for it, a compactor never does.
CREATE OR REPLACE FUNCTION view360.services_rollup_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM view360.cost_account_day;
    PERFORM pg_advisory_xact_lock(736003, 0);
    DELETE FROM view360.cost_service_day_delta;
    DELETE FROM view360.cost_service_day;
    RETURN NULL;
END $$;

-- Adds n to the open findings of each (security_id, severity, service) given (each once), and
-- removes the rows that come to zero.
CREATE FUNCTION view360.add_open_findings(p_groups integer[], p_severities text[],
                                          p_services text[], p_counts bigint[])
RETURNS void LANGUAGE sql AS $$
    INSERT INTO view360.open_findings_group AS g (security_id, severity, service, n)
    SELECT * FROM unnest(p_groups, p_severities, p_services, p_counts)
    ON CONFLICT (security_id, severity, service) DO UPDATE SET n = g.n + EXCLUDED.n;
    DELETE FROM view360.open_findings_group g
     USING unnest(p_groups, p_severities, p_services) AS u(security_id, severity, service)
     WHERE g.security_id = u.security_id AND g.severity = u.severity
       AND g.service = u.service AND g.n = 0;
$$;

-- The findings' deltas of a statement: the events of the new rows less those of the old ones;
-- and its open findings added to (or, old rows, taken from) their groups'.
CREATE FUNCTION view360.findings_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO view360.findings_open_delta (severity, day, delta)
    SELECT f.severity, e.day, sum(e.delta)
      FROM new_rows f,
           view360.finding_open_events(f.created_at, f.updated_at, f.workflow_state,
                                       f.record_state) e
     GROUP BY f.severity, e.day;
    PERFORM view360.add_open_findings(array_agg(security_id), array_agg(severity),
                                      array_agg(service), array_agg(n))
       FROM (SELECT security_id, severity, service, count(*) AS n FROM new_rows
              WHERE view360.finding_is_open(workflow_state, record_state)
              GROUP BY security_id, severity, service) x;
    RETURN NULL;
END $$;

CREATE FUNCTION view360.findings_rollup_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO view360.findings_open_delta (severity, day, delta)
    SELECT f.severity, e.day, sum(e.delta * f.sign)
      FROM (SELECT severity, created_at, updated_at, workflow_state, record_state, 1 AS sign
              FROM new_rows
            UNION ALL
            SELECT severity, created_at, updated_at, workflow_state, record_state, -1
              FROM old_rows) f,
           view360.finding_open_events(f.created_at, f.updated_at, f.workflow_state,
                                       f.record_state) e
     GROUP BY f.severity, e.day
    HAVING sum(e.delta * f.sign) <> 0;
    PERFORM view360.add_open_findings(array_agg(security_id), array_agg(severity),
                                      array_agg(service), array_agg(n))
       FROM (SELECT security_id, severity, service, sum(sign) AS n
               FROM (SELECT security_id, severity, service, 1 AS sign FROM new_rows
                      WHERE view360.finding_is_open(workflow_state, record_state)
                     UNION ALL
                     SELECT security_id, severity, service, -1 FROM old_rows
                      WHERE view360.finding_is_open(workflow_state, record_state)) c
              GROUP BY security_id, severity, service HAVING sum(sign) <> 0) x;
    RETURN NULL;
END $$;

CREATE FUNCTION view360.findings_rollup_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO view360.findings_open_delta (severity, day, delta)
    SELECT f.severity, e.day, -sum(e.delta)
      FROM old_rows f,
           view360.finding_open_events(f.created_at, f.updated_at, f.workflow_state,
                                       f.record_state) e
     GROUP BY f.severity, e.day;
    PERFORM view360.add_open_findings(array_agg(security_id), array_agg(severity),
                                      array_agg(service), array_agg(n))
       FROM (SELECT security_id, severity, service, -count(*) AS n FROM old_rows
              WHERE view360.finding_is_open(workflow_state, record_state)
              GROUP BY security_id, severity, service) x;
    RETURN NULL;
END $$;

CREATE FUNCTION view360.findings_rollup_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM view360.open_findings_group;
    PERFORM pg_advisory_xact_lock(736003, 0);
    DELETE FROM view360.findings_open_delta;
    DELETE FROM view360.findings_open_day;
    RETURN NULL;
END $$;

CREATE TRIGGER view360_open_rollup_insert AFTER INSERT ON findings
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.findings_rollup_inserted();
CREATE TRIGGER view360_open_rollup_update AFTER UPDATE ON findings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.findings_rollup_updated();
CREATE TRIGGER view360_open_rollup_delete AFTER DELETE ON findings
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.findings_rollup_deleted();
CREATE TRIGGER view360_open_rollup_truncate AFTER TRUNCATE ON findings
    FOR EACH STATEMENT EXECUTE FUNCTION view360.findings_rollup_truncated();

-- Moves the deltas into the base tables: each base row gets the sum of its deltas, and a key
-- whose sum comes to nothing (no services rows; no events) loses its row. One transaction (the
-- caller's): the deltas it reads are deleted and summed at once (DELETE ... RETURNING), and
-- deltas committed meanwhile stay for the next call. Returns the number of deltas moved, or
-- NULL without doing anything when another compaction (or a TRUNCATE of services or findings)
-- holds the lock: then that one moves them.
CREATE FUNCTION view360.compact_rollups() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    moved_costs bigint;
    moved_events bigint;
    empty_services text[];
    empty_severities text[];
    empty_days date[];
BEGIN
    IF NOT pg_try_advisory_xact_lock(736003, 0) THEN
        RETURN NULL;
    END IF;
    WITH moved AS (DELETE FROM view360.cost_service_day_delta RETURNING *),
    summed AS (SELECT service, day, sum(cost) AS cost, sum(rows) AS rows, count(*) AS n
                 FROM moved GROUP BY service, day),
    upserted AS (
        INSERT INTO view360.cost_service_day AS b (service, day, cost, rows)
        SELECT service, day, cost, rows FROM summed
        ON CONFLICT (service, day)
        DO UPDATE SET cost = b.cost + EXCLUDED.cost, rows = b.rows + EXCLUDED.rows
        RETURNING b.service, b.day, b.rows)
    SELECT (SELECT coalesce(sum(n), 0) FROM summed),
           array_agg(service) FILTER (WHERE rows = 0), array_agg(day) FILTER (WHERE rows = 0)
      INTO moved_costs, empty_services, empty_days
      FROM upserted;
    DELETE FROM view360.cost_service_day b
     USING unnest(empty_services, empty_days) AS e(service, day)
     WHERE b.service = e.service AND b.day = e.day AND b.rows = 0;

    WITH moved AS (DELETE FROM view360.findings_open_delta RETURNING *),
    summed AS (SELECT severity, day, sum(delta) AS delta, count(*) AS n
                 FROM moved GROUP BY severity, day),
    upserted AS (
        INSERT INTO view360.findings_open_day AS b (severity, day, delta)
        SELECT severity, day, delta FROM summed
        ON CONFLICT (severity, day) DO UPDATE SET delta = b.delta + EXCLUDED.delta
        RETURNING b.severity, b.day, b.delta)
    SELECT (SELECT coalesce(sum(n), 0) FROM summed),
           array_agg(severity) FILTER (WHERE delta = 0), array_agg(day) FILTER (WHERE delta = 0)
      INTO moved_events, empty_severities, empty_days
      FROM upserted;
    DELETE FROM view360.findings_open_day b
     USING unnest(empty_severities, empty_days) AS e(severity, day)
     WHERE b.severity = e.severity AND b.day = e.day AND b.delta = 0;
    RETURN moved_costs + moved_events;
END $$;

-- The rows already there.
INSERT INTO view360.cost_service_day (service, day, cost, rows)
SELECT service, date_from, sum(cost), count(*) FROM services GROUP BY service, date_from;
INSERT INTO view360.findings_open_day (severity, day, delta)
SELECT f.severity, e.day, sum(e.delta)
  FROM findings f,
       view360.finding_open_events(f.created_at, f.updated_at, f.workflow_state,
                                   f.record_state) e
 GROUP BY f.severity, e.day
HAVING sum(e.delta) <> 0;
INSERT INTO view360.open_findings_group (security_id, severity, service, n)
SELECT security_id, severity, service, count(*) FROM findings
 WHERE view360.finding_is_open(workflow_state, record_state)
 GROUP BY security_id, severity, service;

ANALYZE view360.cost_service_day, view360.findings_open_day, view360.open_findings_group;
