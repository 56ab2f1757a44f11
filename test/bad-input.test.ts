import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { createItems, judgmentInput } from "@/lib/assignment/test-fixtures";
import { unique, userWithToken } from "@/test/api-fixtures";
import { RefusedWith, jsonSurfaces, listedSurfaces, type JsonSurface, type World } from "@/test/bad-input-surfaces";

/**
 * Every input surface gets malformed, mistyped, oversized and hostile input:
 * each answer is a clear 4xx with `{"error": {"code", "message"}}`, never a
 * 500, and nothing is stored from a refused request. Text that is allowed
 * (RTL, emoji, control characters, HTML, SQL) is stored exactly as sent.
 * The surfaces are a table in test/bad-input-surfaces.ts: a new route is one
 * entry there. Sign-in and the invite form are at the end.
 */
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => null }));
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  headers: async () => new Headers({ host: "pairwise.test", origin: "http://pairwise.test" }),
}));

withTestDb();
let w: World;

beforeAll(async () => {
  const slug = `bad-${unique()}`;
  const project = await db.project.create({ data: { slug, name: "Bad input", status: "ACTIVE", overlap: 3, scale: 3 } });
  await createItems(project.id, 80);
  const annotator = await userWithToken("bad-annotator");
  const lead = await userWithToken("bad-lead", "LEAD");
  await db.membership.createMany({ data: [{ userId: annotator.id, projectId: project.id }, { userId: lead.id, projectId: project.id, role: "LEAD" }] });
  await db.user.create({ data: { email: "nobody-here@example.com", name: "Nobody" } });
  const lease = (await leaseNextItem({ userId: annotator.id, projectId: project.id }))!;
  await submitJudgment({ userId: annotator.id, project, input: judgmentInput(lease.externalId, 1) });
  w = { slug, projectId: project.id, annotator, lead, judgedItem: lease.externalId };
});

/** A refused request: the status, the error body naming the problem, and nothing stored. */
async function expectRefused(surface: { snapshot: (w: World) => Promise<unknown> }, send: () => Promise<Response>, status: number, mentions?: RegExp) {
  const before = await surface.snapshot(w);
  const response = await send();
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(status);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, text.slice(0, 300)).toBe("string");
  expect(typeof body.error?.message).toBe("string");
  expect((body.error!.message as string).length).toBeLessThan(2000); // no echo of a 10 MB input
  if (mentions) expect(body.error!.message).toMatch(mentions);
  expect(await surface.snapshot(w)).toEqual(before);
}

const json = (value: unknown) => JSON.stringify(value);
const TEN_MB = "x".repeat(10 * 1024 * 1024);

/** Texts that must be accepted and stored unchanged wherever free text is allowed. */
const allowedTexts: Record<string, string> = {
  "right-to-left text": "مرحبا بالعالم — שלום עולם (mixed with English)",
  emoji: "Great 👍🏽 family 👨‍👩‍👧‍👦 flags 🇫🇷 math 𝔸",
  "control characters": "tab\there\nnew line\r\ncarriage\u0001\u001f\u007f bell\u0007",
  "invisible and bidi marks": "a\u200bb\u200ec\u202ed\u2066e\ufefff",
  "HTML and script": `<script>alert("x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>`,
  "SQL metacharacters": `'; DROP TABLE "Judgment"; -- \\ % _ $1 ?:: E'\\x00' /* */`,
};

function jsonCases(surface: JsonSurface) {
  const cases: [string, (valid: Record<string, unknown>) => BodyInit, number, RegExp | undefined][] = [];
  for (const raw of ['{"item_id": ', "{item_id: 1}", "{'a': 1}", "[1, 2", "nul", "", "{} {}", '{"a": 1,}']) {
    cases.push([`malformed JSON ${JSON.stringify(raw)}`, () => raw, 400, /not valid JSON/]);
  }
  for (const raw of ["null", "[]", "42", '"text"', "true"]) cases.push([`a JSON ${raw} instead of an object`, () => raw, 422, undefined]);
  for (const [field, values] of Object.entries(surface.bad)) {
    for (const entry of values) {
      const { value, status } = entry instanceof RefusedWith ? entry : { value: entry, status: 422 };
      const shown = JSON.stringify(value)?.slice(0, 30);
      cases.push([`${field} = ${shown}`, (valid) => json({ ...valid, [field]: value }), status, new RegExp(field)]);
    }
  }
  const textField = surface.text?.field ?? Object.keys(surface.bad)[0]!;
  cases.push([`a 10 MB ${textField}`, (valid) => json({ ...valid, [textField]: TEN_MB }), 413, /over \d+ bytes/]);
  cases.push(["a 10 MB unknown field", (valid) => json({ ...valid, padding: TEN_MB }), 413, undefined]);
  cases.push([
    `invalid UTF-8 bytes in ${textField}`,
    (valid) => {
      const [before, after] = json({ ...valid, [textField]: "@@" }).split("@@");
      return Buffer.concat([Buffer.from(before!), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(after!)]);
    },
    400,
    /UTF-8/,
  ]);
  cases.push([`a NUL character in ${textField}`, (valid) => json({ ...valid, [textField]: "a\u0000b" }), 422, new RegExp(`${textField}: contains a NUL`)]);
  cases.push([`a lone surrogate in ${textField}`, (valid) => json({ ...valid, [textField]: "a\ud800b" }), 422, new RegExp(textField)]);
  cases.push(["a NUL character in a key", (valid) => `{${json(valid).slice(1, -1)}, "k\\u0000": 1}`, 422, /key/]);
  cases.push(["nesting 5,000 levels deep", (valid) => `{${json(valid).slice(1, -1)}, "deep": ${"[".repeat(5000)}${"]".repeat(5000)}}`, 422, /nested/]);
  return cases;
}

describe.each(jsonSurfaces.map((s) => [s.route, s] as const))("%s", (_route, surface) => {
  it.each(jsonCases(surface))("refuses %s", async (_name, build, status, mentions) => {
    const valid = await surface.valid(w);
    await expectRefused(surface, () => surface.send(w, build(valid)), status, mentions);
  });

  it("refuses a body that is not JSON at all (form-encoded, binary)", async () => {
    await expectRefused(surface, () => surface.send(w, "a=1&b=2", { "content-type": "application/x-www-form-urlencoded" }), 400);
    await expectRefused(surface, () => surface.send(w, Buffer.from([0, 1, 2, 255, 254])), 400);
  });

  if (surface.text) {
    const text = surface.text;
    it.each(Object.entries(allowedTexts))(`stores ${text.field} with %s unchanged`, async (_name, value) => {
      const body = { ...(await surface.valid(w)), [text.field]: value };
      const response = await surface.send(w, json(body));
      expect(response.status, await response.clone().text()).toBe(text.ok);
      expect(await text.readBack(w, body)).toBe(value);
    });
  }
});

describe.each(listedSurfaces.map((s) => [s.route, s] as const))("%s", (_route, surface) => {
  it.each(surface.cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    if (c.status >= 400) return expectRefused(surface, () => c.call(w), c.status);
    const response = await c.call(w);
    expect(response.status, await response.clone().text()).toBe(c.status);
  });
});

describe("sign-in (the credentials provider's authorize)", () => {
  type Authorize = (credentials: unknown, request: unknown) => Promise<unknown>;
  let authorize: Authorize;
  beforeAll(async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "bad-input-test-secret-0123456789abcdef");
    const { authOptions } = await import("@/lib/auth/options");
    authorize = (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  });

  const malformed: [string, unknown][] = [
    ["no credentials", undefined],
    ["a number for the email", { email: 42, password: "secret-password" }],
    ["a 10 MB email", { email: `${TEN_MB}@example.com`, password: "secret-password" }],
    ["a 10 MB password", { email: "a@example.com", password: TEN_MB }],
    ["an empty password", { email: "a@example.com", password: "" }],
    ["a NUL in the email", { email: "a\u0000@example.com", password: "secret-password" }],
    ["HTML for an email", { email: "<script>alert(1)</script>", password: "secret-password" }],
    ["an array for the password", { email: "a@example.com", password: ["x"] }],
  ];
  it.each(malformed)("refuses %s with a clear message and records nothing", async (_name, credentials) => {
    const before = await db.signInThrottle.count();
    await expect(authorize(credentials, { headers: {} })).rejects.toThrow("Enter your email and password.");
    expect(await db.signInThrottle.count()).toBe(before);
  });

  it.each([
    ["SQL metacharacters", { email: "o'brien--@example.com", password: "' OR '1'='1' --" }],
    ["right-to-left and emoji", { email: "rtl@example.com", password: "كلمة👍🏽סוד" }],
    ["a NUL in the password", { email: "nul@example.com", password: "a\u0000b" }],
  ])("answers well-formed but wrong credentials with %s as a wrong password", async (_name, credentials) => {
    await expect(authorize(credentials, { headers: { "x-forwarded-for": "203.0.113.9" } })).rejects.toThrow(/Wrong email or password|Enter your email/);
  });

  it.each([
    ["a 10 MB X-Forwarded-For behind TRUST_PROXY", { "x-forwarded-for": `${TEN_MB}, 203.0.113.9` }, "1"],
    ["a 10 MB X-Forwarded-For entry from the proxy", { "x-forwarded-for": TEN_MB }, "1"],
    ["X-Forwarded-For as a list", { "x-forwarded-for": ["198.51.100.1", "203.0.113.9"] }, "2"],
    ["a forged known-device cookie", { cookie: "pairwise-device=v1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, ""],
    ["a 10 MB cookie", { cookie: `pairwise-device=${TEN_MB}` }, ""],
  ])("answers a wrong password with %s as a wrong password", async (_name, headers, trustProxy) => {
    vi.stubEnv("TRUST_PROXY", trustProxy);
    await expect(authorize({ email: `headers-${unique()}@example.com`, password: "wrong password" }, { headers })).rejects.toThrow(/^Wrong email or password/);
    vi.stubEnv("TRUST_PROXY", "");
  });
});

describe("invite join (joinInput and the joinWithNewAccount action)", () => {
  const good = { code: "", name: "New annotator", email: "", password: "long-enough-password" };
  beforeAll(async () => {
    const invite = await db.invite.create({ data: { code: `join-${unique()}${unique()}`, projectId: w.projectId, role: "ANNOTATOR" } });
    good.code = invite.code;
  });
  const email = () => `join-${unique()}@example.com`;

  it.each([
    ["code", { code: "short" }],
    ["code", { code: 12345678 }],
    ["name", { name: "   " }],
    ["name", { name: "n".repeat(101) }],
    ["name", { name: TEN_MB }],
    ["email", { email: "not-an-email" }],
    ["email", { email: "a\u0000@example.com" }],
    ["email", { email: 7 }],
    ["password", { password: "short" }],
    ["password", { password: TEN_MB }],
    ["password", { password: null }],
  ])("refuses a bad %s (%j) naming it, and creates no account", async (field, change) => {
    const { joinWithNewAccount } = await import("@/app/join/[code]/actions");
    const before = await db.user.count();
    const result = await joinWithNewAccount({ ...good, email: email(), ...change });
    expect(result).toMatchObject({ ok: false, code: "unprocessable" });
    // Named in words ("Password: Use at least…"), and by its field for the form to mark.
    expect((result as { error: string }).error).toMatch(new RegExp(field, "i"));
    expect((result as { fields?: Record<string, string> }).fields).toHaveProperty(field);
    expect(await db.user.count()).toBe(before);
  });

  it("refuses a body that is not an object", async () => {
    const { joinWithNewAccount } = await import("@/app/join/[code]/actions");
    for (const input of [null, "text", 42, [good]]) expect(await joinWithNewAccount(input)).toMatchObject({ ok: false, code: "unprocessable" });
  });

  it.each(Object.entries(allowedTexts).filter(([, text]) => text.trim() === text && text.length <= 100))(
    "stores a name with %s unchanged",
    async (_name, name) => {
      const { joinWithNewAccount } = await import("@/app/join/[code]/actions");
      const address = email();
      expect(await joinWithNewAccount({ ...good, name, email: address })).toMatchObject({ ok: true });
      expect((await db.user.findUnique({ where: { email: address }, select: { name: true } }))?.name).toBe(name);
    },
  );

  it("refuses a name PostgreSQL cannot store (NUL, lone surrogate) as a 422, not a 500", async () => {
    const { joinWithNewAccount } = await import("@/app/join/[code]/actions");
    for (const name of ["a\u0000b", "a\ud800b"]) {
      const before = await db.user.count();
      expect(await joinWithNewAccount({ ...good, name, email: email() })).toMatchObject({ ok: false, code: "unprocessable" });
      expect(await db.user.count()).toBe(before);
    }
  });
});
