import { afterEach, describe, expect, it, vi } from "vitest";
import { serverOrigin } from "./server-origin";

const requestHeaders = { current: new Headers() };
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => requestHeaders.current }));

afterEach(() => {
  vi.unstubAllEnvs();
  requestHeaders.current = new Headers();
});

describe("serverOrigin (the API tokens page's curl example)", () => {
  it("is NEXTAUTH_URL's origin when set", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://pairwise.example.org/some/path");
    expect(await serverOrigin()).toBe("https://pairwise.example.org");
  });

  it("else the address the request came to, behind a proxy too", async () => {
    vi.stubEnv("NEXTAUTH_URL", undefined);
    requestHeaders.current = new Headers({ host: "127.0.0.1:3100" });
    expect(await serverOrigin()).toBe("http://127.0.0.1:3100");
    requestHeaders.current = new Headers({ host: "internal:3000", "x-forwarded-host": "labels.example.com", "x-forwarded-proto": "https" });
    expect(await serverOrigin()).toBe("https://labels.example.com");
  });
});
