-- Tells listeners that the warehouse's data changed: every statement that writes a table of the
-- v2 schema (public) or of view360 sends a notification on the channel `view360_changed`,
-- delivered when its transaction commits (none when it rolls back). `view360 serve` listens
-- and drops the API answers it cached (docs/serve.md, "Answer cache"). Nothing of the v2 schema
-- changes: one function and statement triggers.
--
-- Contract: every table of public and view360 has the trigger `view360_changed`, except the
-- migration runner's own bookkeeping (view360.schema_migrations, view360.schema_views). A
-- migration that creates a table adds the trigger (view360.watch_changes); the test
-- warehouse_change_notify_test checks that none lacks it.
--
-- Cost to writers: PostgreSQL folds the identical notifications of one transaction into one,
-- and queues it at commit.

CREATE FUNCTION view360.notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('view360_changed', '');
    RETURN NULL;
END $$;

-- Adds the trigger to one table.
CREATE FUNCTION view360.watch_changes(p_table regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER view360_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                   'ON %s FOR EACH STATEMENT EXECUTE FUNCTION view360.notify_changed()', p_table);
END $$;

SELECT view360.watch_changes(c.oid)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname IN ('public', 'view360') AND c.relkind IN ('r', 'p')
   AND NOT c.relispartition
   AND (n.nspname, c.relname) NOT IN (('view360', 'schema_migrations'), ('view360', 'schema_views'))
 ORDER BY n.nspname, c.relname;
