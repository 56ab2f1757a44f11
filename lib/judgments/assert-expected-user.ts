import { AppError } from "@/lib/errors";

/**
 * A judgment names the account it was made under (`expected_user_id`, set by
 * the annotation screen's outbox); if someone else is signed in now, it is
 * refused with a 401 rather than stored as theirs. Clients that do not send
 * the field (scripts with a token) are unaffected.
 */
export function assertExpectedUser(input: { expected_user_id?: string }, actor: { id: string }): void {
  if (input.expected_user_id !== undefined && input.expected_user_id !== actor.id) {
    throw new AppError(
      "unauthorized",
      "expected_user_id: this judgment was made under another account than the one signed in now, so it was not stored. Sign in as the annotator who made it to send it.",
    );
  }
}
