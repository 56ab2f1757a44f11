import { z } from "zod";

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email("enter a valid email address"));

export const passwordField = z
  .string()
  .min(10, "use at least 10 characters")
  .max(200, "use at most 200 characters");

export const signInInput = z.object({ email: emailField, password: z.string().min(1).max(200) });

export const roleField = z.enum(["admin", "lead", "annotator"]).transform((r) => r.toUpperCase() as "ADMIN" | "LEAD" | "ANNOTATOR");

export const joinInput = z.object({
  code: z.string().min(8).max(100),
  name: z.string().trim().min(1, "enter your name").max(100),
  email: emailField,
  password: passwordField,
});
export type JoinInput = z.infer<typeof joinInput>;
