/**
 * How long a stored view's recompute holds the event loop (issue 12): each
 * heavy view is computed as the background recompute computes it, while a
 * 5 ms timer stands in for the annotation hot path and the event loop's delay
 * is sampled (perf_hooks.monitorEventLoopDelay). A page or a submit that
 * arrives during a recompute waits up to the "max delay" printed.
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_big_search npm run bench:view-loop [-- --slug bench-large --views agreement,bias]
 *
 * `--worker` computes through the view worker (lib/views/view-worker-pool.ts), as the server does on PostgreSQL.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { db, closeDb } from "@/lib/db";
import { STORED_VIEWS } from "@/lib/views/registry";
import type { StoredViewKey } from "@/lib/validations/stored-view";
import { getProjectStats } from "@/lib/projects/get-project-stats";
import { computeInViewWorker, stopViewWorker } from "@/lib/views/view-worker-pool";
import { argValue, hasFlag, requirePostgresUrl } from "./lib/args";
import os from "node:os";

const PARAMS: Partial<Record<StoredViewKey, Record<string, string | number | boolean | null>>> = {
  agreement: { intervals: true, disputed: 20 },
  bias: {},
  "member-work": {},
  "model-names": {},
};

const loadAverage = () => os.loadavg()[0]!.toFixed(1);

async function main() {
  requirePostgresUrl();
  const slug = argValue("slug", "bench-large");
  const views = argValue("views", Object.keys(PARAMS).join(",")).split(",") as StoredViewKey[];
  const project = await db.project.findUnique({ where: { slug }, select: { id: true } });
  if (!project) throw new Error(`no project "${slug}"`);

  // getProjectStats (the overview and GET …/stats): median of five after a warm-up.
  await getProjectStats({ projectId: project.id });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await getProjectStats({ projectId: project.id });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`getProjectStats: median ${times[2]!.toFixed(1)} ms, max ${times[4]!.toFixed(1)} ms (load ${loadAverage()})`);

  for (const key of views) {
    const view = STORED_VIEWS[key];
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    let ticks = 0;
    let worstTick = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      worstTick = Math.max(worstTick, now - last - 5);
      last = now;
      ticks++;
    }, 5);
    histogram.enable();
    const t0 = performance.now();
    const params = (PARAMS[key] ?? {}) as Record<string, string | number | boolean | null>;
    try {
      if (hasFlag("worker")) {
        if ((await computeInViewWorker(key, project.id, params)) === null) throw new Error("the view worker is off here");
      } else await view.compute(project.id, params as never, new AbortController().signal);
    } finally {
      histogram.disable();
      clearInterval(probe);
    }
    const ms = performance.now() - t0;
    console.log(
      `${key.padEnd(14)} ${hasFlag("worker") ? "worker" : "in process"}: compute ${(ms / 1000).toFixed(1)} s; event loop: max delay ${(histogram.max / 1e6).toFixed(0)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms, worst 5 ms-timer lateness ${worstTick.toFixed(0)} ms over ${ticks} ticks (load ${loadAverage()})`,
    );
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => Promise.all([closeDb(), stopViewWorker()]));
