import "server-only";
import path from "node:path";
import fs from "node:fs";
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { processPostgresUrl } from "@/lib/db";
import { VIEW_WORKER_POOL_SIZE } from "@/lib/server/process-plan";
import type { StoredViewKey } from "@/lib/validations/stored-view";
import type { ViewParams } from "./stored-view";
import type { ViewWorkerAnswer, ViewWorkerRequest } from "./view-worker";

/**
 * Stored views computed off the event loop (issue 12): a recompute walks
 * every judgment of a project, and done on the server's own thread it held
 * the event loop up to 6.3 s at a time at 3M judgments (the agreement view;
 * `npm run bench:view-loop`), stalling every submit and page in that time. On PostgreSQL it runs in one
 * worker thread (view-worker.ts, started on first use and kept, unref'd, for
 * the next) with its own pool of VIEW_WORKER_POOL_SIZE connections.
 *
 * Not on PGlite: the embedded database is one in-memory instance in one
 * thread and cannot be opened twice, so there views are computed in process
 * as before. Not when tests point the process at their own database either
 * (processPostgresUrl is null then), nor with PAIRWISE_VIEW_WORKER=0.
 *
 * The worker runs the TypeScript sources through tsx (as `npm start` and the
 * CLI do), with the react-server condition; if it cannot start (no sources or
 * no tsx beside the build), views are computed in process, as on PGlite.
 */
const WORKER_FILE = path.join(process.cwd(), "lib", "views", "view-worker.ts");

type Pending = { resolve: (payload: string) => void; reject: (error: Error) => void };
type State = { worker?: Worker; pending: Map<number, Pending>; nextId: number; disabled?: string; computed: number };

/** The worker failed before it ever answered: it cannot run here (no tsx, no sources), so views are computed in process. */
class WorkerStartError extends Error {}
const state: State = ((globalThis as { __pairwiseViewWorker?: State }).__pairwiseViewWorker ??= { pending: new Map(), nextId: 1, computed: 0 });

/** The database URL the worker should open, or null: compute in process. */
export function viewWorkerUrl(): string | null {
  if (process.env.PAIRWISE_VIEW_WORKER === "0" || state.disabled) return null;
  return processPostgresUrl();
}

function startWorker(databaseUrl: string): Worker {
  if (!fs.existsSync(WORKER_FILE)) throw new Error(`${WORKER_FILE} is missing`);
  // tsx's require hook, registered in the worker before its entry loads (an `--import tsx` in a worker's execArgv does not reach its entry on Node 20).
  // createRequire, not require.resolve: a bundler would try to resolve the latter at build time.
  const tsx = createRequire(path.join(process.cwd(), "package.json")).resolve("tsx/cjs/api");
  const bootstrap = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(WORKER_FILE)});`;
  const worker = new Worker(bootstrap, {
    eval: true,
    execArgv: ["--conditions", "react-server"],
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(VIEW_WORKER_POOL_SIZE) },
  });
  worker.unref();
  let answered = false;
  worker.on("message", (answer: ViewWorkerAnswer) => {
    answered = true;
    const pending = state.pending.get(answer.id);
    if (!pending) return;
    state.pending.delete(answer.id);
    if (state.pending.size === 0) worker.unref();
    if ("error" in answer) pending.reject(new Error(answer.error));
    else {
      state.computed += 1;
      pending.resolve(answer.payload);
    }
  });
  const fail = (cause: Error) => {
    if (state.worker === worker) state.worker = undefined;
    const error = answered ? cause : new WorkerStartError(cause.message);
    for (const pending of state.pending.values()) pending.reject(error);
    state.pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the view worker exited (code ${code})`)));
  return worker;
}

/**
 * Computes a registered stored view in the worker and answers its JSON, or
 * null when views are computed in process here (see above).
 * @internal caller has checked access (lib/views serves the view)
 */
export async function computeInViewWorker(key: StoredViewKey, projectId: string, params: ViewParams): Promise<string | null> {
  const url = viewWorkerUrl();
  if (!url) return null;
  if (!state.worker) {
    try {
      state.worker = startWorker(url);
      console.info(`stored views: computing in a worker thread of process ${process.pid}`);
    } catch (error) {
      state.disabled = (error as Error).message;
      console.error(`stored views are computed in process: the view worker cannot start (${state.disabled})`);
      return null;
    }
  }
  const worker = state.worker;
  const id = state.nextId++;
  const answer = new Promise<string>((resolve, reject) => state.pending.set(id, { resolve, reject }));
  // Referenced while it works: a script that waits for its recompute does not exit under it.
  worker.ref();
  worker.postMessage({ id, key, projectId, params } satisfies ViewWorkerRequest);
  try {
    return await answer;
  } catch (error) {
    if (!(error instanceof WorkerStartError)) throw error;
    state.disabled = error.message;
    console.error(`stored views are computed in process: the view worker failed to start (${error.message})`);
    return null;
  }
}

/** Stops the worker (tests, shutdown); the next recompute starts another. */
export async function stopViewWorker(): Promise<void> {
  const worker = state.worker;
  state.worker = undefined;
  state.disabled = undefined;
  if (worker) await worker.terminate();
}

/** Results the worker has answered in this process (tests check a recompute went through it). */
export function viewWorkerResults(): number {
  return state.computed;
}
