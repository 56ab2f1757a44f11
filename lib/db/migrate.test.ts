import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { migrateDatabase, readMigrations } from "./migrate";
import { pgliteOptions } from "./pglite-extensions";
import { acquirePgliteLock, DatabaseInUseError } from "./pglite-lock";

const root = path.resolve(__dirname, "../..");

describe("migrations on the embedded database", () => {
  it("applies every migration once, recorded as Prisma records it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-migrate-"));
    const dataDir = path.join(dir, "pglite");
    expect(await migrateDatabase({ kind: "pglite", dir: dataDir })).toEqual(readMigrations().map((m) => m.name));
    expect(await migrateDatabase({ kind: "pglite", dir: dataDir })).toEqual([]);
    const db = await PGlite.create(dataDir, pgliteOptions);
    const rows = (await db.query<{ checksum: string }>(`SELECT checksum FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
    const tables = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'Judgment'`)).rows;
    expect(tables[0]?.n).toBe(1);
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a second process with a clear message, and takes over a stale lock", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-lock-")), "pglite");
    // Another live process holds the lock: our parent (the test runner) stands in for a running server.
    fs.writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => acquirePgliteLock(dir)).toThrow(DatabaseInUseError);
    expect(() => acquirePgliteLock(dir)).toThrow(/in use by another process \(pid \d+\).*one process at a time/);
    // A lock left by a process that died is taken over.
    fs.writeFileSync(`${dir}.lock`, "999999999");
    const release = acquirePgliteLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("migrations on PostgreSQL agree with the Prisma CLI", () => {
  async function freshDatabase(): Promise<string> {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `pw_mig_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  }
  const prisma = (url: string, ...args: string[]) =>
    spawnSync(path.join(root, "node_modules/.bin/prisma"), args, { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", timeout: 90_000 });

  it("prisma migrate deploy (with the adapter-pg patch) applies them, and our runner then finds nothing to do", async () => {
    const url = await freshDatabase();
    const result = prisma(url, "migrate", "deploy");
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(await migrateDatabase({ kind: "postgres", url })).toEqual([]);
  });

  it("our runner applies them, and prisma migrate status sees the database up to date", async () => {
    const url = await freshDatabase();
    expect((await migrateDatabase({ kind: "postgres", url })).length).toBe(readMigrations().length);
    const result = prisma(url, "migrate", "status");
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toMatch(/up to date/i);
  });
});
