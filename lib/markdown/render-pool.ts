import path from "node:path";
import * as threads from "node:worker_threads";

/**
 * A small pool of markdown render threads. Each thread renders one text at a
 * time; a render past the time budget has its thread terminated (the only way
 * to stop a synchronous parser) and replaced. Threads are referenced only
 * while there is work: an idle pool never keeps a CLI or a test process
 * alive, and a script awaiting a render is not ended under it.
 */
export type RenderOutcome = { html: string } | { failed: "timeout" | "error" | "busy" };

type Job = { id: number; text: string; resolve: (outcome: RenderOutcome) => void };
type Slot = { worker: Worker; ready: boolean; job: Job | null; timer: NodeJS.Timeout | null };

// Resolved from the working directory, not from this module: in the Next
// server bundle this file lives under .next/, but `next start`, Vitest and the
// bench all run from the project root, where the worker is plain ESM.
const WORKER_FILE = path.join(process.cwd(), "lib", "markdown", "render-worker.mjs");

// Turbopack bundles the entry of a `new Worker(…)` it can see; with a computed
// path it pulled the whole project into the route bundles (README.md
// included) and failed the build. Reached through Reflect, the constructor is
// opaque to it, and the worker stays a plain file loaded at run time.
const Worker: typeof threads.Worker = Reflect.get(threads, "Worker");
type Worker = threads.Worker;

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private spawnFailures = 0;

  constructor(private readonly options: { workers: number; timeoutMs: number; maxQueued: number; workerFile?: string }) {
    for (let i = 0; i < options.workers; i++) this.slots.push(this.spawn());
  }

  render(text: string): Promise<RenderOutcome> {
    if (this.queue.length >= this.options.maxQueued) return Promise.resolve({ failed: "busy" });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, text, resolve });
      this.dispatch();
    });
  }

  /** Stops every thread; pending renders end as errors. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.resolve({ failed: "error" });
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot, { failed: "error" })));
  }

  private spawn(): Slot {
    const file = this.options.workerFile ?? WORKER_FILE;
    const worker = new Worker(/* turbopackIgnore: true */ file, {
      // A runaway render may not take the server's memory with it.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    worker.on("message", (message: { ready?: true; id?: number; html?: string; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
        this.spawnFailures = 0;
      } else if (slot.job && message.id === slot.job.id) {
        this.finish(slot, message.html !== undefined ? { html: message.html } : { failed: "error" });
      }
      this.dispatch();
    });
    // A crash (out of memory, a missing worker file) fails the job it held and the thread is replaced.
    worker.on("error", (error) => {
      if (!slot.ready && ++this.spawnFailures === 3) console.error(`Markdown render threads fail to start (${WORKER_FILE}): ${error.message}`);
      this.replace(slot, { failed: "error" });
    });
    worker.on("exit", () => this.replace(slot, { failed: "error" }));
    return slot;
  }

  private dispatch(): void {
    // A pool whose threads cannot start at all fails renders fast instead of queueing them.
    if (this.spawnFailures >= 3) {
      for (const job of this.queue.splice(0)) job.resolve({ failed: "error" });
      return;
    }
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift();
      if (!job) break;
      slot.job = job;
      slot.timer = setTimeout(() => this.replace(slot, { failed: "timeout" }), this.options.timeoutMs);
      slot.worker.postMessage({ id: job.id, text: job.text });
    }
    this.updateRefs();
  }

  private updateRefs(): void {
    const hasWork = this.queue.length > 0;
    for (const slot of this.slots) {
      if (hasWork || slot.job) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private finish(slot: Slot, outcome: RenderOutcome): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.job;
    slot.job = null;
    job?.resolve(outcome);
    this.updateRefs();
  }

  private replace(slot: Slot, outcome: RenderOutcome): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return; // already replaced or closed
    void this.retire(slot, outcome);
    // Retrying a thread that cannot start would spin: after three failures the pool stays down.
    if (this.spawnFailures < 3) this.slots[index] = this.spawn();
    else this.slots.splice(index, 1);
    this.dispatch();
  }

  private async retire(slot: Slot, outcome: RenderOutcome): Promise<void> {
    this.finish(slot, outcome);
    slot.worker.removeAllListeners();
    slot.worker.on("error", () => {}); // a late error from a terminated thread is expected
    await slot.worker.terminate();
  }
}
