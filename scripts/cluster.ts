/**
 * The primary process of `npm start` (scripts/start.ts): forks the server
 * processes (scripts/server-worker.mjs) with node:cluster, which shares one
 * listening port among them (Node 20 has no SO_REUSEPORT in `net`; cluster's
 * primary accepts and hands connections round-robin), announces when all are
 * ready, replaces one that crashes, and shuts them all down cleanly.
 *
 * Exit status: 0 when every process finished its requests and exited 0 after
 * SIGTERM/SIGINT; 1 when a process could not start, crashed too often, or had
 * requests cut at the end of the grace period (the primary ends any process
 * still running 5 s after it).
 */
import cluster, { type Worker } from "node:cluster";
import path from "node:path";

export type ClusterOptions = {
  processes: number;
  env: NodeJS.ProcessEnv;
  /** Called once, when every process listens. */
  onReady: () => void;
  graceMs: number;
};

const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 5;

export function runCluster(options: ClusterOptions): void {
  const { processes, env, graceMs } = options;
  cluster.setupPrimary({
    exec: path.join(__dirname, "server-worker.mjs"),
    // Not tsx or --conditions react-server (this process runs under them): the
    // workers load the build as `next start` does. NODE_OPTIONS still applies.
    execArgv: [],
  });

  const ready = new Set<number>();
  const crashes: number[] = [];
  let announced = false;
  let shuttingDown = false;
  let failed = false;

  const fork = (index: number): Worker => {
    const worker = cluster.fork({ ...env, PW_SERVER_PROCESS: String(index) });
    worker.on("message", (message: { type?: string }) => {
      if (message?.type !== "ready") return;
      ready.add(worker.id);
      if (!announced && ready.size === processes) {
        announced = true;
        options.onReady();
      }
    });
    slots.set(worker.id, index);
    return worker;
  };
  const slots = new Map<number, number>();

  const liveWorkers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w && !w.isDead()));

  const shutdown = (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (reason) console.log(`\n${reason}: finishing requests in flight (up to ${Math.round(graceMs / 1000)} s), then stopping.`);
    for (const worker of liveWorkers()) if (worker.isConnected()) worker.send({ type: "shutdown" });
    // A process that does not exit after its own grace period is ended here.
    setTimeout(() => {
      for (const worker of liveWorkers()) worker.process.kill("SIGKILL");
      failed = true;
    }, graceMs + 5_000).unref();
  };

  cluster.on("exit", (worker, code, signal) => {
    const index = slots.get(worker.id) ?? 0;
    slots.delete(worker.id);
    const wasReady = ready.delete(worker.id);
    if (shuttingDown) {
      if (code !== 0) failed = true;
      if (liveWorkers().length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    const how = signal ? `signal ${signal}` : `exit ${code}`;
    if (!wasReady && !announced) {
      console.error(`✖ Server process ${index} stopped while starting (${how}).`);
      failed = true;
      shutdown("");
      if (liveWorkers().length === 0) process.exit(1);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
    if (crashes.length > MAX_CRASHES) {
      console.error(`✖ Server processes crashed ${crashes.length} times in a minute (last: ${how}); stopping.`);
      failed = true;
      shutdown("");
      if (liveWorkers().length === 0) process.exit(1);
      return;
    }
    console.error(`Server process ${index} (pid ${worker.process.pid}) stopped (${how}); starting a new one.`);
    fork(index);
  });

  // Ctrl+C in a terminal reaches this process and the server processes alike; a repeated signal changes nothing.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => shutdown(signal));

  for (let i = 1; i <= processes; i++) fork(i);
}
