import { isStorableText } from "./storable";
import { queryCursor, queryText } from "./query-params";
import { z } from "zod";

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email("enter a valid email address"));

/**
 * The email of a new account (join form, admin, CLI): `.invalid` is reserved
 * (RFC 2606) for external annotators, so nobody can register or be given an
 * address that could collide with one.
 */
export const newAccountEmail = emailField.refine((email) => !email.endsWith(".invalid"), "this address is reserved; use a real email address");

export const passwordField = z
  .string()
  .min(10, "use at least 10 characters")
  .max(200, "use at most 200 characters");

export const signInInput = z.object({ email: emailField, password: z.string().min(1).max(200) });

export const roleField = z.enum(["admin", "lead", "annotator"]).transform((r) => r.toUpperCase() as "ADMIN" | "LEAD" | "ANNOTATOR");

/** A display name PostgreSQL can store (no NUL, no lone surrogate). */
export const personName = z
  .string()
  .trim()
  .min(1, "enter your name")
  .max(100)
  .refine(isStorableText, "must not contain NUL characters or broken Unicode");

export const joinInput = z.object({
  code: z.string().min(8).max(100),
  name: personName,
  email: newAccountEmail,
  password: passwordField,
});
export type JoinInput = z.infer<typeof joinInput>;

/** Admin user management (the users page). Roles arrive lowercase like everywhere else. */
export const userIdField = z.string().min(1).max(100);
export const updateUserRoleInput = z.object({ user_id: userIdField, role: roleField });
export const setUserDisabledInput = z.object({ user_id: userIdField, disabled: z.boolean() });
export const resetUserPasswordInput = z.object({ user_id: userIdField });
export const listUsersQuery = z.object({
  search: queryText(200, { trim: true }).optional(),
  // The last email shown, base64url-encoded: 254 characters of email make 339.
  cursor: queryCursor(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** A new account made by an admin (admin area, CLI): the name defaults to the part of the email before the @. */
export const createUserInput = z.object({
  email: newAccountEmail,
  name: personName.optional(),
  password: passwordField,
  role: roleField,
});
export type CreateUserInput = z.infer<typeof createUserInput>;
