/** Tiny command-line helpers shared by the bench scripts (`--name value` or `--name=value`). */
export function argValue(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}` && argv[i + 1] !== undefined) return argv[i + 1]!;
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return fallback;
}

export function hasFlag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}

/** The PostgreSQL URL the benchmarks run on; they refuse anything but a local server. */
export function requirePostgresUrl(): string {
  const url = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) {
    console.error("Set DATABASE_URL to a PostgreSQL database for benchmarks, e.g. postgresql://root@127.0.0.1:5432/pw_bench_load");
    process.exit(2);
  }
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    console.error(`Benchmarks fill and truncate their database: refusing the non-local host ${host}.`);
    process.exit(2);
  }
  return url;
}
