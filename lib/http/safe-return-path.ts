/** Only same-site paths are followed after sign-in (no open redirect to another host). */
export function safeReturnPath(value: string | undefined | null, fallback = "/projects"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
