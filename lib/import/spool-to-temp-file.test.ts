import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { bytesSource } from "./sources";
import { spoolToTempFile } from "./spool-to-temp-file";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-spool-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("spoolToTempFile", () => {
  it("writes the body to a private file and removes it on request", async () => {
    const file = await spoolToTempFile({ body: bytesSource("line 1\nline 2\n", { chunkBytes: 3 }), maxBytes: 100, dir });
    expect(file.bytes).toBe(14);
    expect(fs.readFileSync(file.path, "utf8")).toBe("line 1\nline 2\n");
    expect(fs.statSync(file.path).mode & 0o777).toBe(0o600);
    await file.remove();
    await file.remove(); // twice is fine
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("stops reading past the limit, deletes what it wrote and answers 413", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield new Uint8Array(1024);
      }
    }
    const error = await spoolToTempFile({ body: endless(), maxBytes: 10 * 1024, dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("payload_too_large");
    expect(pulled).toBe(11);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("takes a web ReadableStream (a request body) and an absent body", async () => {
    const stream = new Response("a,b\n1,2\n").body!;
    const file = await spoolToTempFile({ body: stream, maxBytes: 100, dir });
    expect(fs.readFileSync(file.path, "utf8")).toBe("a,b\n1,2\n");
    await file.remove();
    const empty = await spoolToTempFile({ body: null, maxBytes: 100, dir });
    expect(empty.bytes).toBe(0);
    await empty.remove();
  });
});
