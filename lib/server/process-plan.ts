/**
 * How many server processes `npm start` runs (README, "Server processes").
 * On PostgreSQL: WEB_CONCURRENCY, default one per core; they share the port
 * through node:cluster (scripts/cluster.ts). On the embedded database always
 * one: PGlite is a single-process database (lib/db/pglite-lock.ts refuses a
 * second opener). Pure, so it is tested without starting anything.
 */
export type ProcessPlan = {
  processes: number;
  /** One line to print when the request was not followed (PGlite with WEB_CONCURRENCY > 1). */
  notice?: string;
  /** Environment every server process gets on top of the parent's. */
  env: Record<string, string>;
};

export const MAX_PROCESSES = 64;

export function planServerProcesses(options: {
  databaseKind: "pglite" | "postgres";
  cores: number;
  env: Record<string, string | undefined>;
}): ProcessPlan {
  const { databaseKind, cores, env } = options;
  const raw = env.WEB_CONCURRENCY?.trim() || undefined;
  let requested: number | undefined;
  if (raw !== undefined) {
    requested = Number(raw);
    if (!Number.isInteger(requested) || requested < 1 || requested > MAX_PROCESSES) {
      throw new Error(`WEB_CONCURRENCY must be a whole number of server processes from 1 to ${MAX_PROCESSES} (got ${JSON.stringify(raw)}).`);
    }
  }
  if (databaseKind === "pglite") {
    const notice =
      requested !== undefined && requested > 1
        ? `WEB_CONCURRENCY=${requested} is ignored: the embedded database (PGlite) can be opened by one process only, so one server process runs. Use PostgreSQL (DATABASE_URL=postgres://…) for more.`
        : undefined;
    return { processes: 1, notice, env: {} };
  }
  const processes = requested ?? Math.max(1, Math.min(cores, MAX_PROCESSES));
  const extra: Record<string, string> = {};
  // Markdown render threads are per process (lib/markdown/render-budget.ts): with several processes,
  // share the spare cores among them rather than giving each process its own default.
  if (processes > 1 && !env.PW_MARKDOWN_WORKERS) {
    extra.PW_MARKDOWN_WORKERS = String(Math.min(2, Math.max(1, Math.floor(Math.max(1, cores - 1) / processes))));
  }
  return { processes, env: extra };
}

/** Connections of each process's stored-view worker thread (lib/views/view-worker-pool.ts). */
export const VIEW_WORKER_POOL_SIZE = 2;

/**
 * The PostgreSQL connections the processes may open together: each has its
 * own pool of DATABASE_POOL_SIZE (default 20), and its view worker's
 * VIEW_WORKER_POOL_SIZE unless PAIRWISE_VIEW_WORKER=0.
 */
export function connectionBudget(processes: number, env: Record<string, string | undefined>): number {
  const pool = Number(env.DATABASE_POOL_SIZE ?? 20);
  const worker = env.PAIRWISE_VIEW_WORKER === "0" ? 0 : VIEW_WORKER_POOL_SIZE;
  return processes * ((Number.isFinite(pool) && pool > 0 ? pool : 20) + worker);
}
