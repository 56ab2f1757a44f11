import { createHash } from "node:crypto";
import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The driver underneath the Prisma client, for the few statements of the
 * annotation hot path (lease, submit, the REST caller + project read): they
 * go to `pg` or PGlite directly instead of through Prisma's request pipeline
 * (its client and query compiler cost about a tenth of the server's CPU per
 * judgment even for `$queryRaw`: bench/PERFORMANCE-NOTES.md).
 *
 * On PostgreSQL each statement is a named prepared statement of the pool's
 * connection it runs on: parsed once per connection, and its plan cached by
 * PostgreSQL's plan cache (measured in bench/PERFORMANCE-NOTES.md, "Prepared
 * hot path"). PGlite is one session and its `query` has no named statements;
 * there the same SQL runs as an unnamed statement.
 *
 * Rows come back with the JavaScript types `$queryRaw` gives (prepared.test.ts
 * checks it): `timestamp` as a Date read as UTC (Prisma stores UTC wall time in
 * `timestamp(3)`), `bigint` as BigInt, `numeric` as Prisma.Decimal, json as
 * parsed values, arrays as arrays; Dates are sent as UTC wall time as Prisma's
 * adapters send them.
 *
 * Never inside `db.$transaction`: these statements run on a pool connection
 * (or PGlite's session) of their own, outside any interactive transaction.
 */
export type RawDriver = {
  kind: "postgres" | "pglite";
  /** Runs one statement; `name` makes it a named prepared statement where the driver has them. */
  query: (name: string, text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;
  /** Ends what the driver owns (the pool); PGlite is closed by its owner. */
  end: () => Promise<void>;
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** UTC wall time, as @prisma/adapter-pg formats a DateTime argument. */
function formatDateTime(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ""}`
  );
}

function toParameter(value: unknown): unknown {
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toParameter);
  return value;
}

const TIMESTAMP = 1114;
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/** timestamp (without time zone) holds UTC wall time: read it as UTC, whatever the process's TZ. */
const parseTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const parsers: Record<number, (text: string) => unknown> = {
  [TIMESTAMP]: parseTimestamp,
  [DATE]: (text) => new Date(`${text}T00:00:00Z`),
  [INT8]: (text) => BigInt(text),
  [NUMERIC]: (text) => new Prisma.Decimal(text),
};

const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    (format ?? "text") === "text" && parsers[oid] ? parsers[oid] : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/** The statement's name on a connection: the caller's name and a hash of the text, so one name never stands for two texts. */
export function statementName(name: string, text: string): string {
  return `${name}_${createHash("sha1").update(text).digest("hex").slice(0, 12)}`;
}

/** `named: false` sends unnamed statements (parsed and planned at every execution), for comparison (bench/prepared-plans.ts). */
export function poolDriver(pool: pg.Pool, options: { named?: boolean } = {}): RawDriver {
  const named = options.named ?? true;
  return {
    kind: "postgres",
    query: async (name, text, values) =>
      (await pool.query({ ...(named ? { name: statementName(name, text) } : {}), text, values: values.map(toParameter), types: pgTypes })).rows,
    end: () => pool.end(),
  };
}

export function pgliteDriver(pglite: PGlite): RawDriver {
  return {
    kind: "pglite",
    query: async (_name, text, values) =>
      (await pglite.query<Record<string, unknown>>(text, values.map(toParameter), { parsers })).rows,
    end: async () => undefined,
  };
}

/** Runs a Prisma.Sql (built as for `$queryRaw`) on the driver under the name `name`. */
export function runPrepared<T>(driver: RawDriver, name: string, sql: Prisma.Sql): Promise<T[]> {
  return driver.query(name, sql.text, sql.values) as Promise<T[]>;
}
