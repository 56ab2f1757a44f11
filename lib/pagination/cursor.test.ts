import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor, pageLimit } from "./cursor";

describe("cursor", () => {
  it("round-trips (createdAt, id) through an opaque url-safe string", () => {
    const row = { createdAt: new Date("2026-11-27T10:00:00.123Z"), id: "cabc123" };
    const cursor = encodeCursor(row);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ at: row.createdAt, id: row.id });
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor("")).toBeUndefined();
  });

  it("refuses anything it did not make with a 400", () => {
    const forged = [Buffer.from("[1,2]").toString("base64url"), Buffer.from('["not a date","x"]').toString("base64url"), "%%%", "bm9wZQ"];
    for (const cursor of forged) {
      expect(() => decodeCursor(cursor)).toThrow(AppError);
    }
  });

  it("takes a limit within 1..max, else 400", () => {
    expect(pageLimit(undefined, { fallback: 50, max: 200 })).toBe(50);
    expect(pageLimit(200, { fallback: 50, max: 200 })).toBe(200);
    for (const bad of [0, 201, 1.5]) expect(() => pageLimit(bad, { fallback: 50, max: 200 })).toThrow(/limit/);
  });
});
