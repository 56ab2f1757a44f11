import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { decodeCursor, decodeKeyset } from "@/lib/pagination/cursor";

/**
 * "Previous" / "Next" over keyset pages, in search params only: `cursor` is
 * where this page starts and `back` the cursors of the pages before it (kept
 * to the last 50), so Previous needs no backwards query.
 */
export function Pagination({
  basePath,
  params,
  cursor,
  back,
  nextCursor,
}: {
  basePath: string;
  /** The other search params to keep (filters). */
  params: Record<string, string | undefined>;
  cursor: string | undefined;
  back: string[];
  nextCursor: string | null;
}) {
  const href = (page: { cursor?: string; back: string[] }) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    if (page.cursor) search.set("cursor", page.cursor);
    if (page.back.length) search.set("back", page.back.slice(-50).join("."));
    const query = search.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  const previous = cursor ? href({ cursor: back[back.length - 1], back: back.slice(0, -1) }) : null;
  const next = nextCursor ? href({ cursor: nextCursor, back: cursor ? [...back, cursor] : back }) : null;
  if (!previous && !next) return null;
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-2">
      {previous ? (
        <Link href={previous} className={buttonClass("secondary", "sm")} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={`${buttonClass("secondary", "sm")} opacity-50`} aria-disabled="true">
          ← Previous
        </span>
      )}
      {next ? (
        <Link href={next} className={buttonClass("secondary", "sm")} rel="next">
          Next →
        </Link>
      ) : (
        <span className={`${buttonClass("secondary", "sm")} opacity-50`} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}

/** Reads `back` from search params: cursors joined with "." (cursors are base64url, which has no "."). */
export function readBack(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw ? raw.split(".").filter(Boolean).slice(-50) : [];
}

/** The `cursor` search param if it is one we gave out; a stale or edited one starts again from page one. */
export function readCursor(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  try {
    return decodeCursor(raw) ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** The same for a list paged on more columns (lib/pagination/cursor.ts, encodeKeyset). */
export function readKeysetCursor(value: string | string[] | undefined, arity: number): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  try {
    return decodeKeyset(raw, arity) ? raw : undefined;
  } catch {
    return undefined;
  }
}
