-- For the API's first computation of an answer (docs/PERFORMANCE.md, "Serving the API", "Answers
-- computed"): a rollup for compliance and an index for cost series filtered by a tag.
--
-- The compliance score of each account and day, for the trend of /api/v1/compliance over all
-- accounts (docs/PERFORMANCE.md, "Serving the API"): the API averaged it from every
-- config_reports row of the range, grouped by day and account (90,000 groups for 90 days, 200
-- ms); the rollup holds those groups. Nothing of the v2 schema changes: a view360 table,
-- functions and triggers.
--
-- Contract: for every (accounts.account_id, config_reports.date_from) with config_reports rows,
-- one row (account, day, score) with score = avg(compliance_score) over those rows (all the
-- accounts rows of that account id, any region), the very value avg() returns (NULL when every
-- score is NULL); no row for a pair without reports. A receiver writes one account's rows under
-- that account's lock, so concurrent receivers never update the same rollup row.

CREATE TABLE view360.compliance_account_day (
    day date NOT NULL,
    account varchar(12) NOT NULL,  -- accounts.account_id
    score numeric,
    PRIMARY KEY (day, account) INCLUDE (score)  -- Day first: the API reads a range of days.
);

-- Recomputes the rollup rows of the given (account id, day) pairs from config_reports.
CREATE FUNCTION view360.recompute_compliance_account_day(p_accounts text[], p_days date[])
RETURNS void LANGUAGE sql SET search_path = public AS $$
    DELETE FROM view360.compliance_account_day r
     USING unnest(p_accounts, p_days) AS p(account, day)
     WHERE r.account = p.account AND r.day = p.day;
    INSERT INTO view360.compliance_account_day (day, account, score)
    SELECT c.date_from, a.account_id, avg(c.compliance_score)
      FROM config_reports c JOIN accounts a ON a.id = c.account_id
      JOIN (SELECT DISTINCT * FROM unnest(p_accounts, p_days) AS u(account, day)) p
        ON a.account_id = p.account AND c.date_from = p.day
     GROUP BY c.date_from, a.account_id;
$$;

-- Recomputes every day of the given account ids (their accounts rows changed).
CREATE FUNCTION view360.recompute_compliance_accounts(p_accounts text[])
RETURNS void LANGUAGE sql SET search_path = public AS $$
    DELETE FROM view360.compliance_account_day WHERE account = ANY (p_accounts);
    INSERT INTO view360.compliance_account_day (day, account, score)
    SELECT c.date_from, a.account_id, avg(c.compliance_score)
      FROM config_reports c JOIN accounts a ON a.id = c.account_id
     WHERE a.account_id = ANY (p_accounts)
     GROUP BY c.date_from, a.account_id;
$$;

-- Statement triggers with transition tables on config_reports: one recomputation per
-- statement, for the pairs its rows touched (before and after an UPDATE).
CREATE FUNCTION view360.config_reports_rollup_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM view360.recompute_compliance_account_day(array_agg(account), array_agg(day))
           FROM (SELECT DISTINCT a.account_id AS account, n.date_from AS day
                   FROM new_rows n JOIN accounts a ON a.id = n.account_id) x;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM view360.recompute_compliance_account_day(array_agg(account), array_agg(day))
           FROM (SELECT a.account_id AS account, n.date_from AS day
                   FROM new_rows n JOIN accounts a ON a.id = n.account_id
                 UNION
                 SELECT a.account_id, o.date_from
                   FROM old_rows o JOIN accounts a ON a.id = o.account_id) x;
    ELSE
        -- Rows deleted with their accounts row (ON DELETE CASCADE) join nothing here; the
        -- accounts trigger below recomputes their account ids.
        PERFORM view360.recompute_compliance_account_day(array_agg(account), array_agg(day))
           FROM (SELECT DISTINCT a.account_id AS account, o.date_from AS day
                   FROM old_rows o JOIN accounts a ON a.id = o.account_id) x;
    END IF;
    RETURN NULL;
END $$;

-- accounts: a row that changes its account id, or is deleted, takes its reports from an account
-- id (a new row has none yet: config_reports references it).
CREATE FUNCTION view360.accounts_compliance_rollup_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM view360.recompute_compliance_accounts(array_agg(DISTINCT x.account))
           FROM (SELECT o.account_id::text AS account
                   FROM old_rows o JOIN new_rows n ON n.id = o.id
                  WHERE n.account_id IS DISTINCT FROM o.account_id
                 UNION
                 SELECT n.account_id
                   FROM old_rows o JOIN new_rows n ON n.id = o.id
                  WHERE n.account_id IS DISTINCT FROM o.account_id) x
         HAVING count(*) > 0;
    ELSE
        PERFORM view360.recompute_compliance_accounts(array_agg(DISTINCT account_id::text))
           FROM old_rows;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION view360.compliance_rollup_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM view360.compliance_account_day;
    RETURN NULL;
END $$;

CREATE TRIGGER view360_compliance_rollup_insert AFTER INSERT ON config_reports
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.config_reports_rollup_written();
CREATE TRIGGER view360_compliance_rollup_update AFTER UPDATE ON config_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.config_reports_rollup_written();
CREATE TRIGGER view360_compliance_rollup_delete AFTER DELETE ON config_reports
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.config_reports_rollup_written();
CREATE TRIGGER view360_compliance_rollup_truncate AFTER TRUNCATE ON config_reports
    FOR EACH STATEMENT EXECUTE FUNCTION view360.compliance_rollup_truncated();

CREATE TRIGGER view360_compliance_rollup_update AFTER UPDATE ON accounts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.accounts_compliance_rollup_written();
CREATE TRIGGER view360_compliance_rollup_delete AFTER DELETE ON accounts
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION view360.accounts_compliance_rollup_written();
CREATE TRIGGER view360_compliance_rollup_truncate AFTER TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION view360.compliance_rollup_truncated();

SELECT view360.watch_changes('view360.compliance_account_day');

-- The reports already there.
INSERT INTO view360.compliance_account_day (day, account, score)
SELECT c.date_from, a.account_id, avg(c.compliance_score)
  FROM config_reports c JOIN accounts a ON a.id = c.account_id
 GROUP BY c.date_from, a.account_id;
ANALYZE view360.compliance_account_day;

-- The services rows of a few accounts and days with their service: cost series and movers
-- filtered by a tag (customer, partner, environment, product) read them by index alone
-- instead of every account's rows of the range (costs/daily?customer=…: 900,000 rows, 157 ms,
-- become 22,000, 27 ms). api_services_account_date (0004) lacks the service.
CREATE INDEX api_services_account_date_service ON services (account_id, date_from)
    INCLUDE (service, cost);
