import type { ServedView } from "./stored-view";

/**
 * How a REST read answers from a stored view: the body as before, with
 * `Last-Modified` and `X-As-Of` (the time of the data the figures saw) and
 * `X-Stale: 1` when the data moved since and an update is under way; 202 with
 * `Retry-After` while the very first computation has not finished.
 */
export function storedViewResponse<T>(served: ServedView<T>, body: (payload: T) => unknown): Response {
  if (served.payload === null || !served.asOf) {
    return Response.json(
      { status: "computing", message: "These figures are being computed over every judgment for the first time; ask again in a few seconds." },
      { status: 202, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
    );
  }
  return Response.json(body(served.payload), {
    headers: {
      "Cache-Control": "no-store",
      "Last-Modified": served.asOf.toUTCString(),
      "X-As-Of": served.asOf.toISOString(),
      "X-Stale": served.stale ? "1" : "0",
    },
  });
}
