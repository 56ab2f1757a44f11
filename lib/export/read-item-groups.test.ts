import { describe, expect, it } from "vitest";
import { isoFromPgJson } from "./read-item-groups";

describe("isoFromPgJson", () => {
  it("pads PostgreSQL's JSON timestamps to Date#toISOString's form", () => {
    for (const iso of ["2026-01-10T12:00:00.000Z", "2026-01-20T08:30:00.250Z", "2026-01-20T08:30:00.100Z", "2026-12-31T23:59:59.999Z", "2026-02-01T00:00:00.012Z"]) {
      // What PostgreSQL writes: the fraction without trailing zeros, no zone.
      const pg = iso.slice(0, -1).replace(/\.?0+$/, "");
      expect(isoFromPgJson(pg)).toBe(iso);
    }
  });

  it("drops digits past milliseconds, as a Date would", () => {
    expect(isoFromPgJson("2026-01-20T08:30:00.123456")).toBe("2026-01-20T08:30:00.123Z");
  });
});
