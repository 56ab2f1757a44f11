import { describe, expect, it } from "vitest";
import { connectionBudget, planServerProcesses } from "./process-plan";

describe("planServerProcesses", () => {
  it("PostgreSQL: one process per core by default, WEB_CONCURRENCY when set", () => {
    expect(planServerProcesses({ databaseKind: "postgres", cores: 2, env: {} }).processes).toBe(2);
    expect(planServerProcesses({ databaseKind: "postgres", cores: 8, env: { WEB_CONCURRENCY: "3" } }).processes).toBe(3);
    expect(planServerProcesses({ databaseKind: "postgres", cores: 8, env: { WEB_CONCURRENCY: " " } }).processes).toBe(8);
    expect(planServerProcesses({ databaseKind: "postgres", cores: 128, env: {} }).processes).toBe(64);
  });

  it("PGlite: always one process, with one line saying why when more were asked for", () => {
    const asked = planServerProcesses({ databaseKind: "pglite", cores: 8, env: { WEB_CONCURRENCY: "4" } });
    expect(asked.processes).toBe(1);
    expect(asked.notice).toMatch(/^WEB_CONCURRENCY=4 is ignored: the embedded database \(PGlite\) can be opened by one process only/);
    expect(planServerProcesses({ databaseKind: "pglite", cores: 8, env: {} })).toEqual({ processes: 1, notice: undefined, env: {} });
    expect(planServerProcesses({ databaseKind: "pglite", cores: 8, env: { WEB_CONCURRENCY: "1" } }).notice).toBeUndefined();
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number from 1 to 64, naming it", () => {
    for (const bad of ["0", "-1", "1.5", "two", "65"]) {
      expect(() => planServerProcesses({ databaseKind: "postgres", cores: 2, env: { WEB_CONCURRENCY: bad } })).toThrow(
        `WEB_CONCURRENCY must be a whole number of server processes from 1 to 64 (got "${bad}").`,
      );
    }
  });

  it("shares the markdown render threads among several processes unless PW_MARKDOWN_WORKERS is set", () => {
    expect(planServerProcesses({ databaseKind: "postgres", cores: 2, env: {} }).env).toEqual({ PW_MARKDOWN_WORKERS: "1" });
    expect(planServerProcesses({ databaseKind: "postgres", cores: 16, env: {} }).env).toEqual({ PW_MARKDOWN_WORKERS: "1" });
    expect(planServerProcesses({ databaseKind: "postgres", cores: 16, env: { WEB_CONCURRENCY: "4" } }).env).toEqual({ PW_MARKDOWN_WORKERS: "2" });
    expect(planServerProcesses({ databaseKind: "postgres", cores: 16, env: { WEB_CONCURRENCY: "1" } }).env).toEqual({});
    expect(planServerProcesses({ databaseKind: "postgres", cores: 2, env: { PW_MARKDOWN_WORKERS: "3" } }).env).toEqual({});
  });

  it("counts the database connections of all processes", () => {
    // Each process's pool and its view worker's two connections.
    expect(connectionBudget(4, {})).toBe(88);
    expect(connectionBudget(4, { DATABASE_POOL_SIZE: "5" })).toBe(28);
    expect(connectionBudget(4, { DATABASE_POOL_SIZE: "5", PAIRWISE_VIEW_WORKER: "0" })).toBe(20);
  });
});
