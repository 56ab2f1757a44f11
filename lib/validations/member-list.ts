import { z } from "zod";
import { queryCursor } from "./query-params";

/** `GET /api/v1/projects/{slug}/members`: one page. */
export const listMembersQuery = z
  .object({
    cursor: queryCursor().optional(),
    limit: z.coerce.number().int().min(1).max(200).optional().describe("Default 100."),
  })
  .strict();
