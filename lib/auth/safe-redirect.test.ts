import { describe, expect, it } from "vitest";
import { safeRedirectUrl, safeReturnPath } from "./safe-redirect";

/**
 * Issue 8 item 6: after sign-in we follow only a path that stays on this
 * origin once a browser's URL parser has normalised it (browsers drop tabs
 * and newlines, and read "\" as "/", so "/\t/evil" becomes "//evil").
 */
const origin = "http://localhost:3000";
// What a browser does with the path we hand to location.assign or a Location header.
const landsOn = (path: string) => new URL(path, origin).origin;

describe("safeReturnPath", () => {
  const hostile = [
    "/%09/evil.example/x", // decoded once more by a later layer
    "/\t/evil.example/x", // what Next hands the page for ?next=/%09/evil.example/x
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "",
  ];
  it.each(hostile)("refuses %j and falls back to /projects", (raw) => {
    const result = safeReturnPath(raw);
    expect(result).toBe("/projects");
    expect(landsOn(result)).toBe(origin);
  });

  it.each([
    ["/projects/demo", "/projects/demo"],
    ["/admin/projects/demo/items?cursor=abc&status=open#top", "/admin/projects/demo/items?cursor=abc&status=open#top"],
    ["/projects/d%C3%A9mo", "/projects/d%C3%A9mo"],
    ["/tokens", "/tokens"],
  ])("keeps the same-origin path %s", (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });

  it("treats a missing value as the fallback", () => {
    expect(safeReturnPath(undefined)).toBe("/projects");
    expect(safeReturnPath(null, "/admin")).toBe("/admin");
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  it.each([
    ["/projects/demo", `${origin}/projects/demo`],
    [`${origin}/admin`, `${origin}/admin`],
    ["/\t/evil.example/x", origin],
    ["//evil.example", origin],
    ["https://evil.example/", origin],
    ["http://localhost:3001/", origin],
    ["javascript:alert(1)", origin],
  ])("%j → %s", (url, expected) => {
    expect(safeRedirectUrl(url, origin)).toBe(expected);
  });
});
