import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { createActor } from "@/test/api-fixtures";
import { db } from "@/lib/db";
import { EXPORT_SLOTS_PER_USER, EXPORT_SLOT_TTL_MS, acquireExportSlot, holdExportSlot } from "./acquire-export-slot";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.cleanup();
});

const held = (userId: string) => db.exportSlot.count({ where: { userId } });
async function* lines(n: number) {
  for (let i = 0; i < n; i++) yield `line ${i}\n`;
}

describe("export slots (at most two running exports per user, across processes)", () => {
  it("a third export is refused with a 429 until one of the first two releases its slot", async () => {
    const user = await createActor("exporter");
    const first = await acquireExportSlot({ userId: user.id });
    const second = await acquireExportSlot({ userId: user.id });
    expect(EXPORT_SLOTS_PER_USER).toBe(2);
    await expect(acquireExportSlot({ userId: user.id })).rejects.toMatchObject({ code: "rate_limited", status: 429, message: /2 exports running/ });
    // Another user is not affected.
    await (await acquireExportSlot({ userId: (await createActor("other")).id })).release();
    await first.release();
    await first.release(); // twice is harmless
    const third = await acquireExportSlot({ userId: user.id });
    expect(third.slot).toBe(first.slot);
    await Promise.all([second.release(), third.release()]);
    expect(await held(user.id)).toBe(0);
  });

  it("racing exports never get more than two slots", async () => {
    const user = await createActor("racer");
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => acquireExportSlot({ userId: user.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(4).fill("rate_limited"));
    expect(await held(user.id)).toBe(2);
  });

  it("a slot whose holder died (expired) is taken over, and its old holder learns it on renewal", async () => {
    const user = await createActor("crashed");
    const past = new Date(Date.now() - EXPORT_SLOT_TTL_MS - 1000);
    const stale = [await acquireExportSlot({ userId: user.id, now: past }), await acquireExportSlot({ userId: user.id, now: past })];
    const fresh = await acquireExportSlot({ userId: user.id });
    expect(await stale[fresh.slot - 1]!.renew()).toBe(false);
    expect(await fresh.renew()).toBe(true);
  });

  it("holding a slot over a stream releases it when the lines end, when the reader stops early, and on abort before the first line", async () => {
    const user = await createActor("streamer");
    const whole = await acquireExportSlot({ userId: user.id });
    const out: string[] = [];
    for await (const line of holdExportSlot(whole, lines(3))) out.push(line);
    expect(out).toHaveLength(3);
    expect(await held(user.id)).toBe(0);

    const early = holdExportSlot(await acquireExportSlot({ userId: user.id }), lines(100));
    await early.next();
    await early.return(undefined);
    expect(await held(user.id)).toBe(0);

    const controller = new AbortController();
    holdExportSlot(await acquireExportSlot({ userId: user.id }), lines(100), controller.signal); // never started
    expect(await held(user.id)).toBe(1);
    controller.abort();
    await expect.poll(() => held(user.id)).toBe(0);
  });
});
