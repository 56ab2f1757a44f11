import "server-only";
import { actorFromRequest } from "@/lib/auth/session";
import { type Actor, type ProjectAccess, type ProjectForActor } from "@/lib/permissions";
import { actorAndProjectFromRequest } from "./actor-and-project";
import { apiRoute, readJson } from "./api-route";
import { readQuery, type QuerySchema } from "./read-query";
import { receiveUpload, type SpooledFile } from "./receive-upload";

type BodySchema<T> = Parameters<typeof readJson<T>>[1];

/** What a project route's handler is handed, already checked and parsed. */
export type ProjectRouteContext<Q, B, P extends string> = {
  actor: Actor;
  project: ProjectForActor;
  /** The parsed query string (`{}` when the route declares none). */
  query: Q;
  /** The parsed JSON body, when the route declares `body`. */
  body: B;
  /** The upload spooled to a private temporary file, when the route declares `upload`; removed after the handler. */
  file: SpooledFile;
  /** The route's params besides `slug`, as declared in `params` (for example `itemId`). */
  params: Record<P, string>;
  request: Request;
};

type Options<Q, B, P extends string> = {
  /** What the caller must be allowed to do in the project (lib/permissions.ts). */
  access: ProjectAccess;
  /** Names of the route's params besides `slug` (`["itemId"]` for …/judgments/[itemId]). */
  params?: readonly P[];
  query?: QuerySchema<Q>;
  /** A JSON body read with this schema, at most `maxBytes` (default 1 MB). */
  body?: BodySchema<B>;
  maxBytes?: number;
  /** A file body (import) spooled to disk, at most `maxBytes`; `what` names it in messages. */
  upload?: { maxBytes: number; what: string };
};

/**
 * Every route under /api/v1/projects/{slug}: the caller (bearer token, or the
 * session cookie with its same-origin check), the project if the caller may
 * reach it for `access`, then the query and the body. The order is the rule:
 * a refused caller is told so before a byte of the body is read, and a bad
 * query before an upload is spooled. Errors become the REST error body once,
 * in apiRoute.
 */
export function projectRoute<Q = Record<string, never>, B = undefined, P extends string = never>(
  options: Options<Q, B, P>,
  handler: (context: ProjectRouteContext<Q, B, P>) => Promise<Response>,
) {
  return apiRoute(async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    const { slug = "", ...all } = await context.params;
    const params = Object.fromEntries((options.params ?? []).map((name) => [name, all[name] ?? ""])) as Record<P, string>;
    const { actor, project } = await actorAndProjectFromRequest(request, slug, options.access);
    const query = options.query ? readQuery(request, options.query) : ({} as Q);
    const body = options.body ? await readJson(request, options.body, options.maxBytes) : (undefined as B);
    if (!options.upload) return handler({ actor, project, query, body, file: noFile, params, request });
    const file = await receiveUpload(request, options.upload);
    try {
      return await handler({ actor, project, query, body, file, params, request });
    } finally {
      await file.remove();
    }
  });
}

/**
 * A REST route outside a project (/api/v1/projects): the caller, checked by
 * `allow` before a byte of the body is read, then the query and the body.
 */
export function actorRoute<Q = Record<string, never>, B = undefined>(
  options: { allow?: (actor: Actor) => void; query?: QuerySchema<Q>; body?: BodySchema<B>; maxBytes?: number },
  handler: (context: { actor: Actor; query: Q; body: B; request: Request }) => Promise<Response>,
) {
  return apiRoute(async (request: Request) => {
    const actor = await actorFromRequest(request);
    options.allow?.(actor);
    const query = options.query ? readQuery(request, options.query) : ({} as Q);
    const body = options.body ? await readJson(request, options.body, options.maxBytes) : (undefined as B);
    return handler({ actor, query, body, request });
  });
}

const noFile: SpooledFile = {
  get path(): string {
    throw new Error("This route declares no upload.");
  },
  bytes: 0,
  remove: async () => undefined,
};
