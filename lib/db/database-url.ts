import path from "node:path";

/**
 * Which database a process talks to, decided from DATABASE_URL in one place
 * (used by lib/db, prisma.config.ts, the start script and the CLI).
 * Unset or `pglite:<dir>` → embedded PGlite; `postgres(ql)://` → PostgreSQL.
 */
export type DatabaseTarget =
  | { kind: "pglite"; dir: string }
  | { kind: "postgres"; url: string };

export const DEFAULT_PGLITE_DIR = "./data/pglite";

export function resolveDatabaseTarget(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const value = (url ?? "").trim();
  if (value === "") return { kind: "pglite", dir: path.resolve(DEFAULT_PGLITE_DIR) };
  if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
    return { kind: "postgres", url: value };
  }
  if (value.startsWith("pglite:")) {
    const dir = value.slice("pglite:".length).replace(/^\/\/(?=\/)/, "");
    if (dir === "") throw new Error("DATABASE_URL=pglite: needs a directory, for example pglite:./data/pglite");
    return { kind: "pglite", dir: path.resolve(dir) };
  }
  throw new Error(
    `DATABASE_URL must start with postgres://, postgresql:// or pglite: (got "${value.slice(0, 30)}…"). ` +
      "Leave it unset to use the embedded database in ./data/pglite.",
  );
}
