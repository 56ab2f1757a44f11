import { describe, expect, it } from "vitest";
import { exportQuery } from "./export";
import { listItemsQuery } from "./item-list";
import { isRepresentableDate } from "./query-params";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";

const forged = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");

describe("query parameters every read route shares", () => {
  it("dates: the range PostgreSQL, JavaScript and 4-digit ISO years all hold", () => {
    expect(isRepresentableDate(new Date("0001-01-01T00:00:00Z"))).toBe(true);
    expect(isRepresentableDate(new Date("9999-12-31T23:59:59.999Z"))).toBe(true);
    expect(isRepresentableDate(new Date("+010000-01-01T00:00:00Z"))).toBe(false);
    expect(isRepresentableDate(new Date("-000001-12-31T00:00:00Z"))).toBe(false);
    expect(isRepresentableDate(new Date(Number.NaN))).toBe(false);
    const parsed = exportQuery.safeParse({ from: "275760-09-13" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["from"], message: "must be a date from 0001-01-01 to 9999-12-31" });
    expect(exportQuery.parse({ from: "2026-11-27", to: "2026-11-28T10:00:00Z" }).to).toEqual(new Date("2026-11-28T10:00:00Z"));
  });

  it("text and cursors: a NUL is refused by the schema, a forged cursor by its decoder", () => {
    expect(listItemsQuery.safeParse({ search: "a\u0000" }).error?.issues[0]?.path).toEqual(["search"]);
    expect(listItemsQuery.safeParse({ model: "m\u0000" }).error?.issues[0]?.path).toEqual(["model"]);
    expect(listItemsQuery.safeParse({ cursor: "x\u0000" }).error?.issues[0]?.path).toEqual(["cursor"]);
    expect(listItemsQuery.parse({ search: "  100% <b>  ", model: "gpt-4o" })).toMatchObject({ search: "100% <b>", model: "gpt-4o" });
    const good = encodeCursor({ createdAt: new Date("2026-11-27T10:00:00Z"), id: "abc" });
    expect(listItemsQuery.parse({ cursor: good }).cursor).toBe(good);
    expect(decodeCursor(good)).toEqual({ at: new Date("2026-11-27T10:00:00Z"), id: "abc" });
    for (const bad of [forged("2026-01-01T00:00:00Z", "a\u0000"), forged("+275760-09-13T00:00:00.000Z", "a"), forged("-271821-04-20T00:00:00.000Z", "a")]) {
      expect(() => decodeCursor(bad)).toThrow(/cursor: not a cursor/);
    }
  });
});
