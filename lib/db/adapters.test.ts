import { describe, expect, it, vi } from "vitest";
import pg from "pg";
import { postgresPool } from "./adapters";

describe.skipIf(!process.env.TEST_DATABASE_URL)("the PostgreSQL pool", () => {
  it("survives the server ending its idle connections, and opens new ones", async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `pw-idle-${process.pid}-${Date.now()}`;
    const pool = postgresPool(url, { max: 2, application_name: name });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Two connections, both idle in the pool afterwards.
      await Promise.all([pool.query("SELECT pg_sleep(0.05)"), pool.query("SELECT pg_sleep(0.05)")]);
      expect(pool.idleCount).toBe(2);
      const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [name]);
      expect(rowCount).toBe(2);
      // The pool hears of it as an `error` event; without its own listener that is an uncaught exception (and this file fails).
      await vi.waitFor(() => expect(pool.idleCount).toBe(0));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("PostgreSQL closed an idle connection"));
      const { rows } = await pool.query<{ one: number }>("SELECT 1 AS one");
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      warn.mockRestore();
      await pool.end();
      await admin.end();
    }
  });
});
