import fs from "node:fs";
import os from "node:os";
import pg from "pg";

/** The machine a benchmark ran on, for bench/RESULTS.md. */
export type Machine = { cpu: string; cores: number; ram_gb: number; node: string; postgres: string | null; os: string; load_avg_1m: number };

export async function describeMachine(databaseUrl?: string): Promise<Machine> {
  let postgres: string | null = null;
  if (databaseUrl?.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      postgres = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? null;
    } catch {
      postgres = null;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    ram_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    os: `${os.type()} ${os.release()}`,
    load_avg_1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

/** CPU seconds (user + system) used so far by a process and all its descendants, from /proc. */
export function treeCpuSeconds(rootPid: number): number {
  const ticks = 100; // USER_HZ on Linux
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      // utime + stime, plus cutime + cstime: children that already exited were counted into their parent.
      cpu.set(pid, (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended while we read
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** CPU seconds used by every PostgreSQL server process on this machine (other databases included). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (!stat.includes("(postgres)") && !stat.includes("(postmaster)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // cutime + cstime too: a backend that exited (a closed connection) was counted into the postmaster.
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
    } catch {
      // gone
    }
  }
  return total;
}

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100;
}

/** CPU seconds (user + system) used so far by each of these processes, from /proc; gone ones are left out. */
export function processCpuSeconds(pids: readonly number[]): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone
    }
  }
  return cpu;
}

/**
 * The CPU the PostgreSQL backends of one database use during a run: the
 * machine's PostgreSQL serves other databases too (other work on a shared
 * machine), so postgresCpuSeconds over-counts. Samples the backends of the
 * database every 500 ms (pg_stat_activity, through `query`), keeps each one's
 * last reading, and on stop() sums what each used since the start (a backend
 * that ended between two samples loses at most its last 500 ms). Shared
 * processes (WAL writer, checkpointer) are not counted here.
 */
export async function sampleDatabaseBackends(query: () => Promise<number[]>): Promise<{ stop: () => Promise<number> }> {
  const first = processCpuSeconds(await query());
  const last = new Map(first);
  let sampling = Promise.resolve();
  const sample = async () => {
    for (const [pid, seconds] of processCpuSeconds(await query().catch(() => []))) last.set(pid, seconds);
  };
  const timer = setInterval(() => {
    sampling = sampling.then(sample);
  }, 500);
  return {
    stop: async () => {
      clearInterval(timer);
      await sampling;
      await sample();
      let total = 0;
      for (const [pid, seconds] of last) total += seconds - (first.get(pid) ?? 0);
      return total;
    },
  };
}
