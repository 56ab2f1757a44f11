/** What a safeAction-wrapped server action answers (lib/actions/safe-action.ts), for client components. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code: string };
export type ServerAction<I, T> = (input: I) => Promise<ActionResult<T>>;
