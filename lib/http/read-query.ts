import { AppError, describeZodIssues } from "@/lib/errors";

export type QuerySchema<T> = {
  safeParse: (value: unknown) => { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
};

/** Parses a request's query string with a zod schema; a bad parameter is a 400 naming it. */
export function readQuery<T>(request: Request, schema: QuerySchema<T>): T {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", describeZodIssues(parsed.error.issues));
  return parsed.data;
}
