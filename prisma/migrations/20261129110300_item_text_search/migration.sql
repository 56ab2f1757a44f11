-- The items search (lib/items/list-items.ts: a case-insensitive substring of
-- the prompt text or the item id) is an ILIKE '%…%'; without an index it reads
-- every item of the project (8.9 s at 1M items, bench/plans/items-search.txt).
-- Trigram GIN indexes serve ILIKE with any substring of three characters or
-- more, on PostgreSQL and on PGlite (which loads pg_trgm, lib/db/pglite-extensions.ts).
--
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create
-- it. It goes to "public" unless it is installed already, and the opclass is
-- named with the schema it lives in, so the indexes build whatever the
-- search_path (the tests migrate into a schema of their own).
DO $$
DECLARE
  ext_schema text;
BEGIN
  SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'pg_trgm';
  IF ext_schema IS NULL THEN
    CREATE EXTENSION pg_trgm WITH SCHEMA public;
    ext_schema := 'public';
  END IF;
  EXECUTE format('CREATE INDEX "Item_promptText_trgm_idx" ON "Item" USING gin ("promptText" %I.gin_trgm_ops)', ext_schema);
  EXECUTE format('CREATE INDEX "Item_externalId_trgm_idx" ON "Item" USING gin ("externalId" %I.gin_trgm_ops)', ext_schema);
END $$;
