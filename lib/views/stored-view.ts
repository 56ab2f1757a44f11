import "server-only";
import { createHash, randomUUID } from "node:crypto";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { countNewJudgments } from "./new-judgments";
import type { StoredViewKey } from "@/lib/validations/stored-view";

/**
 * Stored views (issue 12): a heavy view over all of a project's judgments is
 * computed in the background, kept in "StoredView" with the time of the data
 * it saw ("as of"), and served from there at once; a view whose data changed
 * enough is recomputed after the answer, never while someone waits (except
 * the very first time, and then only for `firstWaitMs`).
 *
 * One recompute of a view at a time: in this process a view has at most one
 * job, and jobs run one after another (the machine's cores serve pages too);
 * across processes a lease on the view's row (`leaseUntil`, taken by one
 * conditional UPDATE, which PostgreSQL re-checks after waiting for a
 * concurrent one) lets one process compute while the others keep serving the
 * stored result. A lease, not an advisory lock: PGlite has one session, and a
 * lease also survives a crashed process by expiring.
 */
export type ViewParams = Record<string, string | number | boolean | null>;

export type ViewDefinition<P extends ViewParams, T> = {
  /** Names the view in the table and in refresh requests ("agreement", "quality", …). */
  key: string;
  compute: (projectId: string, params: P, signal: AbortSignal) => Promise<T>;
};

export type ViewPolicy = {
  /** This many new judgments since "as of" make the stored result stale at once. */
  newJudgments: number;
  /** Fewer new judgments make it stale once it is this old. */
  minAgeMs: number;
  /** Older than this it is recomputed anyway (patches and deletes leave no new judgment behind). */
  maxAgeMs: number;
  /** With nothing stored yet, wait this long for the first result before answering "being computed". */
  firstWaitMs: number;
  /** A recompute's lease; renewed every third of it while the computation runs. */
  leaseMs: number;
  /**
   * A project with fewer judgments than this is recomputed on every read,
   * while the reader waits (it takes milliseconds): small projects stay exact
   * after patches and deletes too, which the judgment watermark cannot see.
   */
  inlineBelowJudgments: number;
};

export const DEFAULT_VIEW_POLICY: ViewPolicy = { newJudgments: 500, minAgeMs: 60_000, maxAgeMs: 30 * 60_000, firstWaitMs: 8_000, leaseMs: 10 * 60_000, inlineBelowJudgments: 20_000 };

export type ServedView<T> = {
  /** null only while the first computation has not finished. */
  payload: T | null;
  asOf: Date | null;
  /** The data changed since "as of" (enough to recompute, or marked dirty). */
  stale: boolean;
  /** New judgments since "as of", counted up to the policy's threshold (so "at least" when equal to it). */
  newJudgments: number;
  /** A recompute is under way (here or in another server process). */
  recomputing: boolean;
  /** The last recompute's failure, if it failed after the stored result was made. */
  error: string | null;
};

type Job = { key: string; promise: Promise<void> };
type Registry = { jobs: Map<string, Job>; queue: Promise<void> };
// On globalThis: Next may load this module more than once per process (route handlers and pages), and one queue must hold.
const registry: Registry = ((globalThis as { __pairwiseViews?: Registry }).__pairwiseViews ??= { jobs: new Map(), queue: Promise.resolve() });

/** Params hash: the same params in any key order name the same stored view. */
export function paramsHash(params: ViewParams): string {
  const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("base64url").slice(0, 32);
}

const jobKey = (projectId: string, viewKey: string, hash: string) => `${projectId}\u0000${viewKey}\u0000${hash}`;

/**
 * The view's stored result for these params, starting a background recompute
 * when it is stale or missing. @internal caller has checked access
 */
export async function serveView<P extends ViewParams, T>(
  view: ViewDefinition<P, T>,
  options: { projectId: string; params: P; policy?: Partial<ViewPolicy> },
): Promise<ServedView<T>> {
  const policy = { ...DEFAULT_VIEW_POLICY, ...options.policy };
  const { projectId, params } = options;
  const hash = paramsHash(params);
  const where = { projectId_viewKey_paramsHash: { projectId, viewKey: view.key, paramsHash: hash } };
  let row = await db.storedView.findUnique({ where });
  if (!row || row.payload === null) {
    const job = scheduleRecompute(view, projectId, params, policy, new Date(0));
    await Promise.race([job, sleep(policy.firstWaitMs)]);
    row = await db.storedView.findUnique({ where });
    if (!row || row.payload === null) {
      return { payload: null, asOf: null, stale: true, newJudgments: 0, recomputing: true, error: row?.lastError ?? null };
    }
    return { payload: JSON.parse(row.payload) as T, asOf: row.asOf, stale: false, newJudgments: 0, recomputing: false, error: row.lastError };
  }
  const asOf = row.asOf ?? new Date(0);
  if (row.sourceJudgments !== null && row.sourceJudgments < policy.inlineBelowJudgments) {
    // Small: recompute now (joining a recompute already under way) and answer with it.
    await Promise.race([scheduleRecompute(view, projectId, params, policy, asOf), sleep(policy.firstWaitMs)]);
    const fresh = await db.storedView.findUnique({ where });
    if (fresh?.payload != null && fresh.asOf && fresh.asOf > asOf) {
      return { payload: JSON.parse(fresh.payload) as T, asOf: fresh.asOf, stale: false, newJudgments: 0, recomputing: false, error: fresh.lastError };
    }
  }
  const newJudgments = await countNewJudgments(projectId, asOf, policy.newJudgments);
  const age = Date.now() - asOf.getTime();
  const stale =
    row.dirtySince !== null || newJudgments >= policy.newJudgments || (newJudgments > 0 && age >= policy.minAgeMs) || age >= policy.maxAgeMs;
  let recomputing = row.leaseUntil !== null && row.leaseUntil.getTime() > Date.now();
  if (stale && !recomputing) {
    void scheduleRecompute(view, projectId, params, policy, asOf);
    recomputing = true;
  }
  return { payload: JSON.parse(row.payload) as T, asOf: row.asOf, stale, newJudgments, recomputing, error: row.lastError };
}

/**
 * @internal caller has checked access
 *
 * Starts (or joins) this process's recompute of the view; resolves when it
 * ended, whether it computed, found another process computing, or failed
 * (the failure is kept in `lastError`). `seenAsOf`: the result the caller
 * found stale; a result newer than it (another process just made one) is kept.
 */
export function scheduleRecompute<P extends ViewParams, T>(view: ViewDefinition<P, T>, projectId: string, params: P, policy: ViewPolicy, seenAsOf: Date): Promise<void> {
  const hash = paramsHash(params);
  const key = jobKey(projectId, view.key, hash);
  const running = registry.jobs.get(key);
  if (running) return running.promise;
  const promise = registry.queue
    .then(() => recompute(view, projectId, params, hash, policy, seenAsOf))
    .catch((error: unknown) => console.error(`stored view ${view.key} of project ${projectId}:`, error))
    .finally(() => registry.jobs.delete(key));
  registry.queue = promise;
  registry.jobs.set(key, { key, promise });
  return promise;
}

async function recompute<P extends ViewParams, T>(view: ViewDefinition<P, T>, projectId: string, params: P, hash: string, policy: ViewPolicy, seenAsOf: Date): Promise<void> {
  const row = await db.storedView.upsert({
    where: { projectId_viewKey_paramsHash: { projectId, viewKey: view.key, paramsHash: hash } },
    create: { projectId, viewKey: view.key, paramsHash: hash, params },
    update: {},
    select: { id: true },
  });
  const owner = `${os.hostname()}:${process.pid}:${randomUUID()}`;
  const leaseUntil = () => new Date(Date.now() + policy.leaseMs);
  const now = new Date();
  const claimed = await db.storedView.updateMany({
    where: { id: row.id, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: leaseUntil(), leaseOwner: owner },
  });
  if (claimed.count === 0) return; // another process is computing it
  // asOf is set together with payload, never alone.
  const current = await db.storedView.findUniqueOrThrow({ where: { id: row.id }, select: { asOf: true, dirtySince: true } });
  if (current.asOf && current.asOf > seenAsOf && current.dirtySince === null) {
    // Another process finished a newer result while this one queued: nothing to do.
    await db.storedView.updateMany({ where: { id: row.id, leaseOwner: owner }, data: { leaseUntil: null, leaseOwner: null } });
    return;
  }
  const controller = new AbortController();
  const heartbeat = setInterval(() => {
    void db.storedView.updateMany({ where: { id: row.id, leaseOwner: owner }, data: { leaseUntil: leaseUntil() } }).catch(() => undefined);
  }, Math.max(1000, Math.floor(policy.leaseMs / 3)));
  const startedAt = new Date();
  try {
    // How big the project is (counted up to a bound): small ones are recomputed on every read.
    const sourceJudgments = await countNewJudgments(projectId, new Date(0), policy.inlineBelowJudgments);
    // Through JSON: what is stored is exactly what a reader will get back (no Dates, no undefined).
    const payload = (await computeOffThread(view, projectId, params)) ?? JSON.stringify(await view.compute(projectId, params, controller.signal));
    await db.storedView.updateMany({
      where: { id: row.id, leaseOwner: owner },
      data: { payload, asOf: startedAt, sourceJudgments, computeMs: Date.now() - startedAt.getTime(), lastError: null, leaseUntil: null, leaseOwner: null },
    });
    // A mark made while computing stays: the result may not have seen that write.
    await db.storedView.updateMany({ where: { id: row.id, dirtySince: { lte: startedAt } }, data: { dirtySince: null } });
  } catch (error) {
    await db.storedView.updateMany({
      where: { id: row.id, leaseOwner: owner },
      data: { lastError: (error as Error).message.slice(0, 500), leaseUntil: null, leaseOwner: null },
    });
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * A registered view's JSON computed in the view worker (view-worker-pool.ts:
 * PostgreSQL only), so the recompute does not hold this thread's event loop;
 * null: compute it here.
 */
async function computeOffThread<P extends ViewParams, T>(view: ViewDefinition<P, T>, projectId: string, params: P): Promise<string | null> {
  // Imported when needed: the registry imports every view, and every view imports this module.
  const [{ STORED_VIEWS }, { computeInViewWorker }] = await Promise.all([import("./registry"), import("./view-worker-pool")]);
  const key = view.key as StoredViewKey;
  if ((STORED_VIEWS[key] as unknown) !== view) return null;
  return computeInViewWorker(key, projectId, params);
}

/** Marks every stored view of a project (or those of one view) for recomputing on their next read. @internal caller has checked access */
export async function markViewsDirty(projectId: string, viewKey?: string): Promise<number> {
  const { count } = await db.storedView.updateMany({
    where: { projectId, ...(viewKey ? { viewKey } : {}), dirtySince: null },
    data: { dirtySince: new Date() },
  });
  return count;
}

/** This process's recomputes still queued or running (tests and shutdown wait on them). */
export function pendingRecomputes(): Promise<void> {
  return Promise.all([...registry.jobs.values()].map((job) => job.promise)).then(() => undefined);
}
