/**
 * The thread stored views are computed in on PostgreSQL (view-worker-pool.ts
 * starts it): the same compute as in process, with its own small connection
 * pool to the same database (DATABASE_URL, set by the pool), so the server's
 * event loop keeps serving pages and submits while a view over millions of
 * judgments is computed. It answers each request with the JSON the stored
 * view keeps.
 */
import { parentPort } from "node:worker_threads";
import type { StoredViewKey } from "@/lib/validations/stored-view";
import type { ViewParams } from "./stored-view";
import { STORED_VIEWS } from "./registry";

export type ViewWorkerRequest = { id: number; key: StoredViewKey; projectId: string; params: ViewParams };
export type ViewWorkerAnswer = { id: number; payload: string } | { id: number; error: string };

if (!parentPort) throw new Error("view-worker.ts runs as a worker thread (lib/views/view-worker-pool.ts)");
const port = parentPort;

port.on("message", (request: ViewWorkerRequest) => {
  void (async () => {
    try {
      const view = STORED_VIEWS[request.key];
      if (!view) throw new Error(`no stored view "${request.key}"`);
      const result = await view.compute(request.projectId, request.params, new AbortController().signal);
      port.postMessage({ id: request.id, payload: JSON.stringify(result) } satisfies ViewWorkerAnswer);
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ViewWorkerAnswer);
    }
  })();
});
