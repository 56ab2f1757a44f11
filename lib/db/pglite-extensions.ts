import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * The PostgreSQL extensions every embedded database loads. The schema uses
 * them (the items search's trigram indexes, migration
 * 20261129110300_item_text_search), so a PGlite opened without them cannot
 * even insert an item: open every PGlite with `new PGlite(dir, pgliteOptions)`
 * or `PGlite.create(dir, pgliteOptions)`.
 */
export const pgliteOptions = { extensions: { pg_trgm } };
