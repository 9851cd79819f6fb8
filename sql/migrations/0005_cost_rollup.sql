-- The cost of each accounts row and day: the sum of its services rows, kept by triggers on
-- services whoever writes them (the receiver, or SQL by hand), in the writer's transaction.
-- The API reads it wherever it sums costs per account (overview, accounts, costs by account,
-- movers by account): 1 row per account and day instead of one per service (docs/PERFORMANCE.md,
-- "Serving the API"). Nothing of the v2 schema changes: a view360 table, functions and triggers.
--
-- Contract: for every (account_id, date_from) of services, one row (account_id, day, cost) with
-- cost = sum(services.cost) over that pair; no row for a pair without services rows. Sums of
-- numeric are exact, so sums of these sums equal the sums of the rows. A receiver writes only its own account's rows under that account's lock, so concurrent
-- receivers never update the same rollup row.

CREATE TABLE view360.cost_account_day (
    account_id integer NOT NULL,
    day date NOT NULL,
    cost numeric,
    PRIMARY KEY (account_id, day)
);

-- Recomputes the rollup rows of the given (account, day) pairs from services.
CREATE FUNCTION view360.recompute_cost_account_day(p_accounts integer[], p_days date[])
RETURNS void LANGUAGE sql SET search_path = public AS $$
    DELETE FROM view360.cost_account_day r
     USING unnest(p_accounts, p_days) AS p(account_id, day)
     WHERE r.account_id = p.account_id AND r.day = p.day;
    INSERT INTO view360.cost_account_day (account_id, day, cost)
    SELECT s.account_id, s.date_from, sum(s.cost)
      FROM services s
      JOIN (SELECT DISTINCT * FROM unnest(p_accounts, p_days) AS u(account_id, day)) p
        ON s.account_id = p.account_id AND s.date_from = p.day
     GROUP BY s.account_id, s.date_from;
$$;

-- Statement triggers with transition tables: one recomputation per statement, for the pairs
-- its rows touched (before and after an UPDATE, which may move a row to another day).
CREATE FUNCTION view360.services_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM view360.recompute_cost_account_day(array_agg(account_id), array_agg(date_from))
       FROM (SELECT DISTINCT account_id, date_from FROM new_rows) x;
    RETURN NULL;
END $$;

CREATE FUNCTION view360.services_rollup_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM view360.recompute_cost_account_day(array_agg(account_id), array_agg(date_from))
       FROM (SELECT account_id, date_from FROM new_rows
             UNION SELECT account_id, date_from FROM old_rows) x;
    RETURN NULL;
END $$;

CREATE FUNCTION view360.services_rollup_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM view360.recompute_cost_account_day(array_agg(account_id), array_agg(date_from))
       FROM (SELECT DISTINCT account_id, date_from FROM old_rows) x;
    RETURN NULL;
END $$;

CREATE FUNCTION view360.services_rollup_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM view360.cost_account_day;
    RETURN NULL;
END $$;

CREATE TRIGGER view360_cost_rollup_insert AFTER INSERT ON services
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.services_rollup_inserted();
CREATE TRIGGER view360_cost_rollup_update AFTER UPDATE ON services
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.services_rollup_updated();
CREATE TRIGGER view360_cost_rollup_delete AFTER DELETE ON services
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.services_rollup_deleted();
CREATE TRIGGER view360_cost_rollup_truncate AFTER TRUNCATE ON services
    FOR EACH STATEMENT EXECUTE FUNCTION view360.services_rollup_truncated();

-- The rows already there.
INSERT INTO view360.cost_account_day (account_id, day, cost)
SELECT account_id, date_from, sum(cost) FROM services GROUP BY account_id, date_from;
