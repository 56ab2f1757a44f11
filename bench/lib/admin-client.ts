/**
 * A signed-in browser for bench/admin.ts: next-auth's credentials sign-in
 * (csrf token, then the callback), keeping the cookies it sets, and timed GETs
 * that carry them.
 */
export type Timed = { status: number; ms: number; bytes: number; error?: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]!);
}

/** Signs in with email and password; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of cookiesOf(response)) {
      const eq = cookie.indexOf("=");
      jar.set(cookie.slice(0, eq), cookie.slice(eq + 1));
    }
  };
  keep(csrfResponse);
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(response);
  const session = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: header() } })).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error(`sign-in as ${email} failed (status ${response.status})`);
  return header();
}

/** One GET, timed until its whole body has arrived; a redirect counts as a failure (status 3xx). */
export async function timeRequest(baseUrl: string, path: string, cookie: string): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(120_000) });
    const body = await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started, bytes: body.byteLength };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, bytes: 0, error: (error as Error).message };
  }
}

/** Whether a page or read answers that a stored view is still being computed for the first time (lib/views). */
export async function isComputing(baseUrl: string, path: string, cookie: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(180_000) });
    const body = await response.text();
    return response.status === 202 || body.includes("for the first time") || body.includes('"style_control_pending":true');
  } catch {
    return false;
  }
}
