import type { z } from "zod";
import { AppError, describeZodIssues } from "@/lib/errors";

/**
 * Project functions validate their input themselves, so the CLI and the admin
 * forms may hand over raw values; a bad shape is a 422 naming the fields,
 * as the REST route's own parse would give.
 */
export function parseProjectInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("unprocessable", describeZodIssues(parsed.error.issues));
  return parsed.data;
}
