import "server-only";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";

/**
 * Server actions refuse cross-origin posts. Next checks Origin against Host
 * for actions too; this repeats it in our code so the rule is visible and tested.
 */
export async function assertSameOrigin(): Promise<void> {
  const h = await headers();
  const origin = h.get("origin");
  if (!origin) return; // same-origin navigations and non-browser callers (no cookies sent cross-site)
  const host = h.get("x-forwarded-host") ?? h.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Bad Origin header.");
  }
  if (!host || originHost !== host) throw new AppError("forbidden", "Cross-origin requests are refused.");
}
