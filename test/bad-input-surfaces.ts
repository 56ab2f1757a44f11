import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { apiRequest, routeContext, unique } from "@/test/api-fixtures";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";
import * as judgment from "@/app/api/v1/projects/[slug]/judgments/[itemId]/route";
import * as skips from "@/app/api/v1/projects/[slug]/skips/route";
import * as exportRoute from "@/app/api/v1/projects/[slug]/export/route";
import * as projects from "@/app/api/v1/projects/route";
import * as project from "@/app/api/v1/projects/[slug]/route";
import * as members from "@/app/api/v1/projects/[slug]/members/route";
import * as items from "@/app/api/v1/projects/[slug]/items/route";
import * as judgmentImport from "@/app/api/v1/projects/[slug]/judgments/import/route";

/**
 * Every input surface of the REST API, as a table for test/bad-input.test.ts.
 * A route added later is one more entry here: JSON bodies get the whole
 * generic battery (malformed JSON, wrong types, 10 MB strings, invalid UTF-8,
 * NUL and broken Unicode, and the texts that must be stored unchanged);
 * query strings and other bodies list their own cases.
 */
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type World = {
  slug: string;
  projectId: string;
  annotator: { id: string; token: string };
  lead: { id: string; token: string };
  /** An item the annotator has judged (PATCH target). */
  judgedItem: string;
};

/** A bad value the route refuses with another status than the usual 422 (e.g. a 400 from its own check). */
export class RefusedWith {
  constructor(
    readonly status: number,
    readonly value: unknown,
  ) {}
}

/** A JSON-body surface. */
export type JsonSurface = {
  route: string;
  send: (w: World, body: BodyInit | null, headers?: Record<string, string>) => Promise<Response>;
  /** A fresh valid body (it may lease an item first). */
  valid: (w: World) => Promise<Record<string, unknown>>;
  /** Per field, values of the wrong type or out of range: each must be a 422 (or a RefusedWith's status) naming the field. */
  bad: Record<string, unknown[]>;
  /** A field any text goes into (stored as sent), its success status, and how to read it back. */
  text?: { field: string; ok: number; readBack: (w: World, body: Record<string, unknown>) => Promise<unknown> };
  /** What must not change when the input is refused. */
  snapshot: (w: World) => Promise<unknown>;
};

/** A surface whose cases are listed one by one (query strings, non-JSON bodies). */
export type ListedCase = { name: string; status: number; call: (w: World) => Promise<Response> };
export type ListedSurface = { route: string; cases: ListedCase[]; snapshot: (w: World) => Promise<unknown> };

const call = (handler: unknown, path: string, params: Record<string, string>, init: { method?: string; token?: string; body?: BodyInit | null; headers?: Record<string, string> } = {}) => {
  const request = apiRequest(path, { method: init.method ?? "GET", token: init.token });
  const headers = new Headers(request.headers);
  for (const [key, value] of Object.entries(init.headers ?? { "content-type": "application/json" })) headers.set(key, value);
  const body = init.body ?? null;
  return (handler as Handler)(new Request(request.url, { method: request.method, headers, body, ...(body ? { duplex: "half" } : {}) } as RequestInit), routeContext(params));
};

const clientId = () => `bad-${unique()}${unique()}`;
const counts = async (w: World) => ({
  judgments: await db.judgment.count({ where: { item: { projectId: w.projectId } } }),
  counted: (await db.item.aggregate({ where: { projectId: w.projectId }, _sum: { judgmentCount: true, activeLeases: true } }))._sum,
  skips: await db.skip.count({ where: { item: { projectId: w.projectId } } }),
});

export const jsonSurfaces: JsonSurface[] = [
  {
    route: "POST /projects/{slug}/judgments",
    send: (w, body, headers) => call(judgments.POST, `/projects/${w.slug}/judgments`, { slug: w.slug }, { method: "POST", token: w.annotator.token, body, headers }),
    valid: async (w) => {
      const lease = await leaseNextItem({ userId: w.annotator.id, projectId: w.projectId });
      return { item_id: lease!.externalId, preference: 1, client_id: clientId(), duration_ms: 1200 };
    },
    bad: {
      item_id: [42, null, [], {}, true],
      preference: ["1", null, 1.5, 4, -4, 1e308, [], {}],
      rationale: [1, [], {}, true, "x".repeat(20_001)],
      attributes: ["a", [], { a: "1" }, { a: 1.5 }, { a: 1e9 }],
      flags: ["both_bad", [1], ["<script>"], Array(11).fill("both_bad")],
      client_id: [1, "short", "has space in it", "x".repeat(101), "drop';--table"],
      duration_ms: ["1", -1, 86_400_001, 1.5],
      // Queued under another account on a shared browser: refused, never stored as the caller's (issue 8 item 8).
      expected_user_id: [1, "", "u".repeat(101), new RefusedWith(401, "someone-else")],
    },
    text: {
      field: "rationale",
      ok: 201,
      readBack: async (_w, body) => (await db.judgment.findUnique({ where: { clientId: String(body.client_id) }, select: { rationale: true } }))?.rationale,
    },
    snapshot: counts,
  },
  {
    route: "PATCH /projects/{slug}/judgments/{itemId}",
    send: (w, body, headers) =>
      call(judgment.PATCH, `/projects/${w.slug}/judgments/${w.judgedItem}`, { slug: w.slug, itemId: w.judgedItem }, { method: "PATCH", token: w.annotator.token, body, headers }),
    valid: async (w) => ({ item_id: w.judgedItem, preference: -2, client_id: clientId() }),
    bad: {
      item_id: [1, null, new RefusedWith(400, "not-the-url-item")],
      preference: [true, "2", 9, 0.5],
      rationale: [{}, 7, "y".repeat(20_001)],
      duration_ms: [-5, "10"],
      expected_user_id: [null, new RefusedWith(401, "someone-else")],
    },
    text: {
      field: "rationale",
      ok: 200,
      readBack: async (w) => (await db.judgment.findFirst({ where: { userId: w.annotator.id, item: { externalId: w.judgedItem, projectId: w.projectId } }, select: { rationale: true } }))?.rationale,
    },
    snapshot: async (w) => db.judgment.findFirst({ where: { userId: w.annotator.id, item: { externalId: w.judgedItem, projectId: w.projectId } }, select: { preference: true, rationale: true, durationMs: true, updatedAt: true } }),
  },
  {
    route: "POST /projects/{slug}/skips",
    send: (w, body, headers) => call(skips.POST, `/projects/${w.slug}/skips`, { slug: w.slug }, { method: "POST", token: w.annotator.token, body, headers }),
    valid: async (w) => {
      const lease = await leaseNextItem({ userId: w.annotator.id, projectId: w.projectId });
      return { item_id: lease!.externalId, reason: "unreadable" };
    },
    bad: { item_id: [null, 5, ""], reason: [null, 3, "", "   ", "r".repeat(501)] },
    text: {
      field: "reason",
      ok: 201,
      readBack: async (w, body) =>
        (await db.skip.findFirst({ where: { userId: w.annotator.id, item: { projectId: w.projectId, externalId: String(body.item_id) } }, select: { reason: true } }))?.reason,
    },
    snapshot: counts,
  },
  {
    route: "POST /projects",
    send: (w, body, headers) => call(projects.POST, "/projects", {}, { method: "POST", token: w.lead.token, body, headers }),
    valid: async () => ({ slug: `bad-${unique()}`, name: "Bad input project" }),
    bad: {
      slug: [null, 3, "UPPER", "has space", "a", "x".repeat(61), "new", "drop';--"],
      name: [null, 1, "", "   ", "n".repeat(201)],
      scale: ["3", 0, 6, 2.5],
      overlap: [0, 51, "3"],
      allow_tie: ["yes", 1],
      attributes: ["x", [{ key: "Bad Key", label: "x", min: 1, max: 5 }], [{ key: "a", label: "a", min: 5, max: 1 }]],
      status: ["running", 1],
      lease_minutes: [0, 1441, "30"],
      unknown_field: [1],
    },
    text: { field: "name", ok: 201, readBack: async (_w, body) => (await db.project.findUnique({ where: { slug: String(body.slug) }, select: { name: true } }))?.name },
    snapshot: async () => db.project.count(),
  },
  {
    route: "PATCH /projects/{slug}",
    send: (w, body, headers) => call(project.PATCH, `/projects/${w.slug}`, { slug: w.slug }, { method: "PATCH", token: w.lead.token, body, headers }),
    valid: async () => ({ description: "Edited." }),
    bad: { description: [1, null, "d".repeat(2001)], guidelines: [1, "g".repeat(210 * 1024)], scale: [9], overlap: [-1], slug: ["Bad Slug"] },
    text: { field: "description", ok: 200, readBack: async (w) => (await db.project.findUnique({ where: { id: w.projectId }, select: { description: true } }))?.description },
    snapshot: async (w) => db.project.findUnique({ where: { id: w.projectId }, select: { slug: true, description: true, guidelines: true, scale: true, overlap: true, updatedAt: true } }),
  },
  {
    route: "POST /projects/{slug}/members",
    send: (w, body, headers) => call(members.POST, `/projects/${w.slug}/members`, { slug: w.slug }, { method: "POST", token: w.lead.token, body, headers }),
    valid: async () => ({ email: "nobody-here@example.com", role: "annotator" }),
    bad: { email: [null, 5, "not an email", "a@b", "<script>@x.y"], role: ["owner", 1, null] },
    snapshot: async (w) => db.membership.count({ where: { projectId: w.projectId } }),
  },
];

const get = (handler: unknown, w: World, path: string, params: Record<string, string>, token: (w: World) => string) =>
  call(handler, path, params, { token: token(w) });
const annotatorToken = (w: World) => w.annotator.token;
/** A cursor shaped like the API's own (base64url JSON of [date, id]) but holding what a forger chose. */
const forgedCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");
const leadToken = (w: World) => w.lead.token;

export const listedSurfaces: ListedSurface[] = [
  {
    route: "GET /projects/{slug}/next (query string)",
    snapshot: counts,
    cases: [
      ["SQL metacharacters in exclude", `exclude=${encodeURIComponent("x'); DELETE FROM \"Item\"; --")}`],
      ["a NUL and broken UTF-8 in exclude", `exclude=${encodeURIComponent("a\u0000b")},%ED%A0%80,%FF%FE`],
      ["10,000 exclusions", `exclude=${Array.from({ length: 10_000 }, (_, i) => `e${i}`).join(",")}`],
      ["a 100 kB exclusion", `exclude=${"z".repeat(100_000)}`],
      ["an unknown view", "view=%3Cscript%3E"],
    ].map(([name, query]) => ({ name: name!, status: 200, call: (w) => get(next.GET, w, `/projects/${w.slug}/next?${query}`, { slug: w.slug }, annotatorToken) })),
  },
  {
    route: "GET /projects/{slug}/judgments/{itemId} (path)",
    snapshot: counts,
    cases: ["x'; DROP TABLE \"Judgment\"; --", "a\u0000b", "\ud800", "i".repeat(10_000), "<script>alert(1)</script>", "%00"].map((itemId) => ({
      name: `item id ${JSON.stringify(itemId.slice(0, 30))}`,
      status: 404,
      call: (w) => get(judgment.GET, w, `/projects/${w.slug}/judgments/x`, { slug: w.slug, itemId }, annotatorToken),
    })),
  },
  {
    route: "GET /projects/{slug}/export (query string)",
    snapshot: counts,
    cases: [
      "format=pdf", "format=", "min_judgments=-1", "min_judgments=1e9", "min_judgments=abc", "min_agreement=2", "min_agreement=NaN",
      "from=yesterday", "to=2026-13-45", "identities=maybe", "ties=sometimes", "as=pdf", "unknown=1", `format=${"r".repeat(100_000)}`,
      "format=raw%00", `from=${encodeURIComponent("2026-01-01'; --")}`,
      // Dates JavaScript parses but PostgreSQL (or a 4-digit ISO year) cannot hold: a 400 before the stream, not a broken 200.
      "from=275760-09-13", "from=%2B275760-09-13T00:00:00Z", "to=-004714-01-01", "from=10000-01-01", "to=%2B010000-01-01", "from=2026-01-01%00",
    ].map((query) => ({ name: query.slice(0, 40), status: 400, call: (w) => get(exportRoute.GET, w, `/projects/${w.slug}/export?${query}`, { slug: w.slug }, leadToken) })),
  },
  {
    route: "GET /projects/{slug}/items (query string)",
    snapshot: counts,
    cases: [
      ["a NUL in search", `search=${encodeURIComponent("a\u0000b")}`],
      ["a NUL in model", `model=${encodeURIComponent("gpt\u0000")}`],
      ["a NUL in the cursor", `cursor=${encodeURIComponent("abc\u0000")}`],
      ["a malformed cursor", "cursor=not!a*cursor"],
      ["a cursor of garbage base64", "cursor=Zm9vYmFy"],
      ["a forged cursor with a NUL id", `cursor=${forgedCursor("2026-01-01T00:00:00.000Z", "x\u0000")}`],
      ["a forged cursor at year 275760", `cursor=${forgedCursor("+275760-09-13T00:00:00.000Z", "x")}`],
      ["a forged cursor before year 1", `cursor=${forgedCursor("-271821-04-20T00:00:00.000Z", "x")}`],
    ].map(([name, query]) => ({ name: name!, status: 400, call: (w) => get(items.GET, w, `/projects/${w.slug}/items?${query}`, { slug: w.slug }, leadToken) })),
  },
  {
    route: "GET /projects (query string)",
    snapshot: counts,
    cases: [
      ["a NUL in the cursor", `cursor=${encodeURIComponent("abc\u0000")}`],
      ["a forged cursor with a NUL id", `cursor=${forgedCursor("2026-01-01T00:00:00.000Z", "x\u0000")}`],
      ["a forged cursor at year 275760", `cursor=${forgedCursor("+275760-09-13T00:00:00.000Z", "x")}`],
    ].map(([name, query]) => ({ name: name!, status: 400, call: (w) => get(projects.GET, w, `/projects?${query}`, {}, leadToken) })),
  },
  {
    route: "POST /projects/{slug}/items (JSONL body)",
    snapshot: async (w) => db.item.count({ where: { projectId: w.projectId } }),
    cases: [
      ["malformed JSON lines", '{"id": "a", "prompt": \n{oops}\n'],
      ["wrong types", '{"id": 1.5, "prompt": [], "response_a": 3, "response_b": null}\n'],
      ["a NUL character", '{"id": "nul", "prompt": "p\\u0000", "response_a": "a", "response_b": "b"}\n'],
      ["a lone surrogate", '{"id": "sur", "prompt": "p\\ud800", "response_a": "a", "response_b": "b"}\n'],
      ["invalid UTF-8 bytes", Buffer.concat([Buffer.from('{"id": "utf", "prompt": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('", "response_a": "a", "response_b": "b"}\n')])],
      ["a response longer than an annotator can read (100,000 characters)", `{"id": "long", "prompt": "p", "response_a": "${"a".repeat(100_001)}", "response_b": "b"}\n`],
      ["one good line and one bad (abort)", '{"id": "good-1", "prompt": "p", "response_a": "a", "response_b": "b"}\n{"id": "bad-1"}\n'],
      ["an empty body", ""],
    ].map(([name, body]) => ({
      name: name as string,
      status: 422,
      call: (w: World) =>
        call(items.POST, `/projects/${w.slug}/items`, { slug: w.slug }, { method: "POST", token: w.lead.token, body: body as BodyInit, headers: { "content-type": "application/x-ndjson" } }),
    })),
  },
  {
    // Issue 8: an imported judgment is attributed to a member or to an external annotator of this project, never to another account.
    route: "POST /projects/{slug}/judgments/import (JSONL body)",
    snapshot: counts,
    cases: [
      ["an existing account that is no member", "nobody-here@example.com"],
      ["an email with no account", "no-account-at-all@example.com"],
      ["a pseudonym of nobody here", "a-0123abcd"],
      ["an address of the reserved .invalid domain", "vendor@external.invalid"],
    ].map(([name, annotator]) => ({
      name: name!,
      status: 422,
      call: (w: World) =>
        call(judgmentImport.POST, `/projects/${w.slug}/judgments/import`, { slug: w.slug }, {
          method: "POST",
          token: w.lead.token,
          body: `${JSON.stringify({ item_id: w.judgedItem, annotator, preference: 1 })}\n`,
          headers: { "content-type": "application/x-ndjson" },
        }),
    })),
  },
];
