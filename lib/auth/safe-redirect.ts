/**
 * Where to send someone after sign-in: only a path of this app. A path is
 * judged the way a browser will read it: the URL parser drops tabs and
 * newlines and reads "\" as "/", so "/\t/evil.example" becomes
 * "//evil.example", another host. We parse with the same WHATWG parser and
 * accept only what still lands on our own origin, also after one more
 * percent-decoding (some layers decode the value again), and we return the
 * parser's normalised form, never the raw text.
 */
const probe = "http://pairwise.invalid";

function staysOnOrigin(candidate: string): boolean {
  // Control characters have no business in a return path; the parser would drop some of them silently.
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return false;
  if (!candidate.startsWith("/") || candidate.startsWith("//")) return false;
  try {
    return new URL(candidate, probe).origin === probe;
  } catch {
    return false;
  }
}

/** The normalised same-origin path (with query and hash) for `raw`, or `fallback`. */
export function safeReturnPath<F extends string | null = string>(raw: string | undefined | null, fallback: F = "/projects" as F): string | F {
  if (typeof raw !== "string" || !staysOnOrigin(raw)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return fallback;
  }
  if (!staysOnOrigin(decoded)) return fallback;
  const url = new URL(raw, probe);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's `redirect` callback: a path or an absolute URL of our own
 * origin, made absolute on `baseUrl`; anything else goes to `baseUrl`.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let path: string | null = null;
  if (url.startsWith("/")) path = safeReturnPath(url, null);
  else {
    try {
      const absolute = new URL(url);
      if (absolute.origin === base.origin) path = safeReturnPath(`${absolute.pathname}${absolute.search}${absolute.hash}`, null);
    } catch {
      path = null;
    }
  }
  return path ? `${base.origin}${path}` : base.origin;
}
