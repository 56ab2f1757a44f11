/**
 * Reads a V8 .cpuprofile (node --cpu-prof; `npm run bench:load -- --cpu-prof`
 * writes them to bench/results/profiles) and prints where the time went: self
 * time by package or source area, and the top functions.
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
 */
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function area(url: string): string {
  if (!url) return "(native / idle / gc)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes("/.next/server/chunks/")) return ".next server chunks (app + bundled deps)";
  if (url.startsWith("node:")) return url.split("/")[0]!;
  return url.replace(/^file:\/\//, "").replace(process.cwd(), ".");
}

export function summarizeProfile(file: string, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName || "(anonymous)";
    const where = area(node.callFrame.url);
    byArea.set(where, (byArea.get(where) ?? 0) + us);
    const key = `${name} ${where}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1)}%`.padStart(6);
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    seconds: total / 1e6,
    areas: sorted(byArea).map(([k, v]) => `${pct(v)}  ${k}`),
    functions: sorted(byFunction).map(([k, v]) => `${pct(v)}  ${k}`),
  };
}

if (process.argv[1] && /profile-summary\.ts$/.test(process.argv[1])) {
  const summary = summarizeProfile(process.argv[2]!, Number(process.argv[3] ?? 25));
  console.log(`${summary.seconds.toFixed(1)} s of samples\n\nby area:\n${summary.areas.join("\n")}\n\nby function (self time):\n${summary.functions.join("\n")}`);
}
