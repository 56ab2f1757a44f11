import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPrismaClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { failure } from "@/test/app-error";
import { readJson, toErrorResponse } from "./api-route";

const schema = z.object({ text: z.string(), n: z.number().optional() });
const request = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);

describe("readJson", () => {
  it("parses a good body", async () => {
    expect(await readJson(request(JSON.stringify({ text: "héllo 👍", n: 1 })), schema)).toEqual({ text: "héllo 👍", n: 1 });
  });

  it("refuses bytes that are not UTF-8 instead of turning them into U+FFFD", async () => {
    const body = Buffer.concat([Buffer.from('{"text": "a'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    expect(await failure(readJson(request(body), schema))).toMatchObject({ code: "bad_request", message: "The body is not valid UTF-8 text; send JSON encoded as UTF-8." });
  });

  it("refuses an oversized body by its Content-Length, and a chunked one as it streams in", async () => {
    expect(await failure(readJson(request("{}", { "content-length": "2000000" }), schema))).toMatchObject({ code: "payload_too_large" });
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 65_536;
        controller.enqueue(new Uint8Array(65_536).fill(32));
        if (sent > 50_000_000) controller.close();
      },
    });
    expect(await failure(readJson(request(endless), schema, 1_000_000))).toMatchObject({ code: "payload_too_large", message: "The body is over 1000000 bytes." });
    expect(sent).toBeLessThan(2_000_000); // it stopped reading soon after the limit
  });

  it("names the field holding text PostgreSQL cannot store", async () => {
    expect((await failure(readJson(request('{"text": "a\\u0000b"}'), schema))).message).toBe("text: contains a NUL character or broken Unicode");
    expect((await failure(readJson(request('{"text": "ok", "list": [1, {"deep": "\\ud800"}]}'), schema))).message).toBe("list.1.deep: contains a NUL character or broken Unicode");
    expect((await failure(readJson(request(`{"text": "ok", "x": ${"[".repeat(100)}${"]".repeat(100)}}`), schema))).message).toMatch(/nested more than 64 levels/);
  });

  it("says what is wrong with malformed JSON (400) and with the shape (422)", async () => {
    expect(await failure(readJson(request('{"text": '), schema))).toMatchObject({ code: "bad_request", message: expect.stringMatching(/^The body is not valid JSON/) });
    expect(await failure(readJson(request('{"text": 5}'), schema))).toMatchObject({ code: "unprocessable", message: expect.stringMatching(/^text: /) });
  });
});

describe("toErrorResponse: the database being down is a 503", () => {
  const known = (code: string, message: string) => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: "6.19.3" });

  it.each([
    ["a model query, server unreachable", known("P1001", "Can't reach database server at 127.0.0.1:5432")],
    ["a raw query, server unreachable", known("P2010", "Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5432`")],
    ["a raw query on a backend terminated by shutdown", known("P2010", "Raw query failed. Code: `57P01`. Message: `terminating connection due to administrator command`")],
    ["the server starting up", known("P2010", "Raw query failed. Code: `57P03`. Message: `the database system is starting up`")],
    ["too many connections", known("P2010", "Raw query failed. Code: `53300`. Message: `sorry, too many clients already`")],
    ["the pool timing out", known("P2024", "Timed out fetching a new connection from the connection pool.")],
    ["a dropped socket", Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" })],
  ])("%s", async (_name, error) => {
    const response = toErrorResponse(error);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "unavailable", message: "The database is unreachable right now. Try again in a few seconds." } });
  });

  it("and so is a real query against a server that is not there", async () => {
    const client = createPrismaClient(new PrismaPg({ connectionString: "postgresql://root@127.0.0.1:1/none", connectionTimeoutMillis: 2000 }));
    try {
      for (const query of [() => client.user.count(), () => client.$queryRaw`SELECT 1`]) {
        const error = await query().catch((e: unknown) => e);
        expect(toErrorResponse(error).status).toBe(503);
      }
    } finally {
      await client.$disconnect();
    }
  });

  it("while a query error that is ours stays a 500 with no internals", async () => {
    const response = toErrorResponse(known("P2010", 'Raw query failed. Code: `42703`. Message: `column "nope" does not exist`'));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: "internal", message: "Something went wrong on the server. It has been logged." } });
  });
});
