import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Outgoing } from "./annotator-state";
import { discardOutboxes, dropUnattributedOutboxes, outboxKey, queuedOutboxes, readOutbox, sendQueuedOutboxes, writeOutbox } from "./outbox-storage";

/** localStorage as the browser has it, in memory. */
class MemoryStorage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  clear() {
    this.map.clear();
  }
}

const judgment = (item: string, method: Outgoing["method"] = "POST"): Outgoing => ({
  method,
  body: { item_id: item, preference: 1, rationale: "", attributes: {}, flags: [], client_id: `c-${item}-0000`, duration_ms: 900 },
});

beforeEach(() => {
  vi.stubGlobal("localStorage", new MemoryStorage());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the outbox on the device", () => {
  it("is kept per user: another account on the same browser reads nothing of it", () => {
    writeOutbox("user-1", "demo", [judgment("q1"), judgment("q2", "PATCH")]);
    expect(readOutbox("user-1", "demo")).toEqual([judgment("q1"), judgment("q2", "PATCH")]);
    expect(readOutbox("user-2", "demo")).toEqual([]);
    expect(queuedOutboxes("user-2")).toEqual([]);
    expect(JSON.parse(localStorage.getItem(outboxKey("user-1", "demo"))!)[0].body.expected_user_id).toBe("user-1");
  });

  it("never hands out an entry stamped for someone else, nor one under the old project-only key", () => {
    localStorage.setItem(outboxKey("user-2", "demo"), JSON.stringify([{ method: "POST", body: { ...judgment("q1").body, expected_user_id: "user-1" } }]));
    expect(readOutbox("user-2", "demo")).toEqual([]);
    localStorage.setItem("pairwise:outbox:demo", JSON.stringify([judgment("q9")]));
    writeOutbox("user-1", "demo", [judgment("q1")]);
    dropUnattributedOutboxes();
    expect(localStorage.getItem("pairwise:outbox:demo")).toBeNull();
    expect(readOutbox("user-1", "demo")).toHaveLength(1);
  });

  it("sign-out's send-now sends this user's queue stamped with their id, and stops at a network failure", async () => {
    writeOutbox("user-1", "demo", [judgment("q1"), judgment("q2")]);
    writeOutbox("user-1", "other", [judgment("q3")]);
    writeOutbox("user-2", "demo", [judgment("q4")]);
    const sent: unknown[] = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      sent.push([url, JSON.parse(String(init.body))]);
      if (sent.length === 3) throw new TypeError("offline");
      return new Response("{}", { status: 201 });
    });
    const result = await sendQueuedOutboxes("user-1");
    expect(result).toEqual({ left: 1, refused: 0, problem: "you seem to be offline" });
    expect(sent.map((s) => (s as [string, { expected_user_id: string }])[1].expected_user_id)).toEqual(["user-1", "user-1", "user-1"]);
    expect(readOutbox("user-2", "demo")).toHaveLength(1);
    discardOutboxes("user-1");
    expect(queuedOutboxes("user-1")).toEqual([]);
    expect(readOutbox("user-2", "demo")).toHaveLength(1);
  });
});
