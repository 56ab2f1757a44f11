import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * Runs a permission check for a page and turns typed errors into the page
 * equivalents: 403 page, 404 page, or the sign-in page.
 */
export async function guardPage<T>(check: () => T | Promise<T>, returnTo?: string): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "forbidden") forbidden();
    if (error.code === "not_found") notFound();
    if (error.code === "unauthorized") redirect(`/login${returnTo ? `?next=${encodeURIComponent(returnTo)}` : ""}`);
    throw error;
  }
}
