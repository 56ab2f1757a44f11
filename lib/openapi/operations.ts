import { z } from "zod";
import { listMembersQuery } from "@/lib/validations/member-list";
import { listSkipsQuery, skipListJson } from "@/lib/validations/skip-list";
import { agreementJson, agreementQuery, leaderboardJson, leaderboardQuery } from "@/lib/validations/agreement";
import { biasJson, biasQuery } from "@/lib/validations/bias";
import { exportQuery } from "@/lib/validations/export";
import { qualityJson, qualityQuery } from "@/lib/validations/quality";
import { importJudgmentsQuery, judgmentImportReportJson } from "@/lib/validations/judgment-import";
import { importItemsQuery, importReportJson } from "@/lib/validations/item-import";
import { sourceAgreementJson, sourceAgreementQuery } from "@/lib/validations/source-agreement";
import { IMPORT_CONTENT_TYPES } from "@/lib/validations/import-format";
import { itemImportRow } from "@/lib/validations/item";
import { itemListJson, listItemsQuery } from "@/lib/validations/item-list";
import { patchJudgmentBody, skipItemInput, submitJudgmentBody } from "@/lib/validations/judgment";
import { addMemberInput, createProjectInput, listProjectsQuery, updateProjectInput } from "@/lib/validations/project";
import { memberJson, memberListJson, projectJson, projectListJson, projectStatsJson, removedMemberJson } from "@/lib/validations/project-response";
import { qualityStatusBody, qualityStatusJson } from "@/lib/validations/quality-status";
import { judgedPairJson, nextItemJson, ownJudgmentJson, ownJudgmentQuery, skippedJson, storedJudgmentJson, updatedJudgmentJson } from "@/lib/validations/annotate-response";

/**
 * Every /api/v1 route, one entry per method: the schemas it reads and
 * answers with are the ones the route itself uses. A test checks that every
 * route.ts under app/api/v1 is listed here, so a new route cannot go undocumented.
 */
export type ApiResponse = { description: string; schema?: z.ZodType; mediaType?: string };
export type ApiOperation = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  tag: "projects" | "items" | "members" | "annotate" | "export" | "meta";
  summary: string;
  query?: z.ZodObject;
  /**
   * mediaTypes: how each accepted Content-Type carries the schema — "item" the
   * schema itself (for JSONL: each line), "array" a JSON array of it, "text"
   * CSV with its fields as columns. Default: `{"application/json": "item"}`.
   */
  body?: { schema: z.ZodType; mediaTypes?: Record<string, "item" | "array" | "text">; description?: string };
  responses: Record<number, ApiResponse>;
  /** Error statuses this route answers with the error body, besides 401 (every route but public ones) and 500/503. */
  errors: number[];
  public?: boolean;
};

const wrap = <T extends z.ZodType>(key: string, schema: T) => z.object({ [key]: schema });
const project = wrap("project", projectJson);

export const apiOperations: ApiOperation[] = [
  { method: "get", path: "/projects", tag: "projects", summary: "List the projects you lead (all, for admins), newest first, with progress", query: listProjectsQuery, responses: { 200: { description: "One page", schema: projectListJson } }, errors: [400, 403] },
  { method: "post", path: "/projects", tag: "projects", summary: "Create a project; you become its lead", body: { schema: createProjectInput }, responses: { 201: { description: "Created", schema: project } }, errors: [400, 403, 409, 422] },
  { method: "get", path: "/projects/{slug}", tag: "projects", summary: "A project's settings and guidelines (members and admins)", responses: { 200: { description: "The project", schema: project } }, errors: [403, 404] },
  { method: "patch", path: "/projects/{slug}", tag: "projects", summary: "Change settings; new guidelines get the next version. Scale and ties are fixed once judgments exist (409)", body: { schema: updateProjectInput }, responses: { 200: { description: "Updated", schema: project } }, errors: [400, 403, 404, 409, 422] },
  { method: "get", path: "/projects/{slug}/stats", tag: "projects", summary: "Progress: items, complete items, judgments, annotators, skips, active leases, tie rate", responses: { 200: { description: "Stats", schema: wrap("stats", projectStatsJson) } }, errors: [403, 404] },
  {
    method: "post", path: "/projects/{slug}/items", tag: "items", summary: "Import items (streamed; a file with bad lines imports nothing unless ?on_error=skip)", query: importItemsQuery,
    body: { schema: itemImportRow, mediaTypes: { [IMPORT_CONTENT_TYPES.jsonl]: "item", [IMPORT_CONTENT_TYPES.json]: "array", [IMPORT_CONTENT_TYPES.csv]: "text" }, description: "JSONL: one item per line (this schema). Also a JSON array of items, or CSV with the same columns. At most 500 MB." },
    responses: { 200: { description: "Imported (or everything was already there)", schema: importReportJson }, 422: { description: "Bad lines (or no items) and nothing imported: the report, with `error`", schema: importReportJson } },
    errors: [400, 403, 404, 413],
  },
  { method: "get", path: "/projects/{slug}/items", tag: "items", summary: "One page of items: search, filters, cursor (leads and admins)", query: listItemsQuery, responses: { 200: { description: "One page", schema: itemListJson } }, errors: [400, 403, 404] },
  { method: "get", path: "/projects/{slug}/members", tag: "members", summary: "Members with their judgment counts, one page (cursor)", query: listMembersQuery, responses: { 200: { description: "Members, leads first", schema: memberListJson } }, errors: [400, 403, 404] },
  { method: "post", path: "/projects/{slug}/members", tag: "members", summary: "Change a member's role (200, leads and admins) or add an existing account by email (201, admins only; a lead gets the same 403 for any email that is no member, and invites people instead; only admins get 404 for an unknown email)", body: { schema: addMemberInput }, responses: { 201: { description: "Added", schema: wrap("member", memberJson) }, 200: { description: "Already a member; role set", schema: wrap("member", memberJson) } }, errors: [400, 403, 404, 409, 422] },
  { method: "delete", path: "/projects/{slug}/members/{userId}", tag: "members", summary: "Remove a member; their judgments stay, their leases are released. The last lead cannot be removed (409)", responses: { 200: { description: "Removed", schema: removedMemberJson } }, errors: [403, 404, 409] },
  { method: "post", path: "/projects/{slug}/members/{userId}/quality-status", tag: "members", summary: "Admit, let retry the qualification, re-admit or pause an annotator (gold checks; leads and admins). An action that does not apply to the member's status is a 409", body: { schema: qualityStatusBody }, responses: { 200: { description: "The new status", schema: qualityStatusJson } }, errors: [400, 403, 404, 409, 422] },
  {
    method: "get", path: "/projects/{slug}/next", tag: "annotate", summary: "Lease the next item to judge (members of an ACTIVE project). A paused or not-qualified annotator gets 403 with error.details.reason \"paused\" or \"not_qualified\" (and, for not_qualified, answered, correct, needed)",
    query: z.object({ exclude: z.string().optional().describe("Comma-separated item ids not to hand back (already on screen)."), view: z.enum(["annotate"]).optional() }),
    responses: { 200: { description: "The leased item", schema: nextItemJson }, 204: { description: "Nothing left for you in this project" } },
    errors: [403, 404, 409],
  },
  { method: "post", path: "/projects/{slug}/judgments", tag: "annotate", summary: "Submit a judgment; client_id (8–100 letters, digits, _ or -, unique per submission) makes a retry answered 200. With next: true the answer carries the next lease too (next, as GET …/next answers it, or null; next_refusal when the judgment was stored but no lease may be handed out): one request per judgment", body: { schema: submitJudgmentBody }, responses: { 201: { description: "Stored", schema: storedJudgmentJson }, 200: { description: "Already stored under this client_id", schema: storedJudgmentJson } }, errors: [400, 403, 404, 409, 422] },
  { method: "get", path: "/projects/{slug}/judgments/mine", tag: "annotate", summary: "Your most recent judgment in the project, with its pair", responses: { 200: { description: "The judged pair", schema: judgedPairJson }, 204: { description: "You have not judged anything here" } }, errors: [403, 404] },
  { method: "get", path: "/projects/{slug}/judgments/{itemId}", tag: "annotate", summary: "Your judgment of one item with its texts as stored (?view=annotate adds the pair rendered as you saw it)", query: ownJudgmentQuery, responses: { 200: { description: "Your judgment", schema: ownJudgmentJson } }, errors: [403, 404] },
  { method: "patch", path: "/projects/{slug}/judgments/{itemId}", tag: "annotate", summary: "Change your own judgment (item_id optional, must match the URL; client_id not needed)", body: { schema: patchJudgmentBody }, responses: { 200: { description: "Updated", schema: updatedJudgmentJson } }, errors: [400, 403, 404, 422] },
  { method: "get", path: "/projects/{slug}/skips", tag: "projects", summary: "The project's skips with their reasons, newest first (leads and admins; annotators as pseudonyms unless an admin asks)", query: listSkipsQuery, responses: { 200: { description: "A page of skips", schema: skipListJson } }, errors: [400, 403, 404] },
  { method: "post", path: "/projects/{slug}/skips", tag: "annotate", summary: "Skip an item with a reason; it is not offered to you again", body: { schema: skipItemInput }, responses: { 201: { description: "Skipped", schema: skippedJson } }, errors: [400, 403, 404, 409, 422] },
  {
    method: "get", path: "/projects/{slug}/export", tag: "export", summary: "Export judgments as streamed JSONL (raw, trl, hh) or the data card (leads and admins; identities=true for admins only)", query: exportQuery,
    responses: { 200: { description: "JSONL lines as docs/formats.md describes (format=card: the data card as JSON, or markdown with as=md)", mediaType: "application/x-ndjson" } },
    errors: [400, 403, 404],
  },
  {
    method: "post", path: "/projects/{slug}/judgments/import", tag: "annotate", summary: "Import judgments made elsewhere (raw export JSONL; leads and admins). An annotator is a member (email or this project's pseudonym) or an external name without @; any other account is a line error that names nobody", query: importJudgmentsQuery,
    body: { schema: z.object({ item_id: z.string(), annotator: z.string(), preference: z.number().int() }).loose(), mediaTypes: { "application/x-ndjson": "item" }, description: "One judgment per line, the raw export's fields (docs/formats.md, Import: judgments); at least item_id, annotator, preference. At most 500 MB." },
    responses: { 200: { description: "Imported (or everything was already there)", schema: judgmentImportReportJson }, 422: { description: "Bad lines (or none at all) and nothing imported: the report, with `error`", schema: judgmentImportReportJson } },
    errors: [400, 403, 404, 413],
  },
  { method: "get", path: "/projects/{slug}/agreement", tag: "export", summary: "Agreement metrics over the project's judgments (leads and admins; identities=true for admins only)", query: agreementQuery, responses: { 200: { description: "docs/formats.md, Agreement metrics", schema: agreementJson } }, errors: [400, 403, 404] },
  { method: "get", path: "/projects/{slug}/bias", tag: "export", summary: "Position, length and formatting bias of the judgments, per annotator and for the project (leads and admins)", query: biasQuery, responses: { 200: { description: "docs/formats.md, Bias diagnostics", schema: biasJson } }, errors: [400, 403, 404] },
  { method: "get", path: "/projects/{slug}/quality", tag: "export", summary: "Per-annotator quality: Dawid–Skene reliability, gold accuracy with a 95% interval, self-consistency, agreement figures, integrity flags and status (leads and admins; identities=true for admins only)", query: qualityQuery, responses: { 200: { description: "docs/formats.md, Annotator quality", schema: qualityJson } }, errors: [400, 403, 404] },
  { method: "get", path: "/projects/{slug}/source-agreement", tag: "export", summary: "Agreement with the source: how often the consensus and each annotator pick an imported dataset's own label, with Wilson intervals, and the items where the crowd overturns it (leads and admins)", query: sourceAgreementQuery, responses: { 200: { description: "docs/formats.md, Agreement with the source", schema: sourceAgreementJson } }, errors: [400, 403, 404] },
  { method: "get", path: "/projects/{slug}/leaderboard", tag: "export", summary: "Models ranked by Bradley–Terry with bootstrap intervals, the adjacent pairs' separation, and with style_control=1 the style-controlled fit (leads and admins)", query: leaderboardQuery, responses: { 200: { description: "The ranking", schema: leaderboardJson } }, errors: [400, 403, 404] },
  { method: "get", path: "/openapi.json", tag: "meta", summary: "This document", public: true, responses: { 200: { description: "OpenAPI 3.1" } }, errors: [] },
];
