import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { resolveDatabaseTarget } from "@/lib/db/database-url";

/**
 * Environment, validated once. Messages name the variable and what to set.
 * Also used by scripts/start.ts, so a bad value stops `npm start` up front.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1, "PORT must be a port number").max(65535, "PORT must be a port number").default(3000),
  DATABASE_URL: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a full URL such as https://pairwise.example.org").optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  // How many reverse proxies stand in front of the app and append to X-Forwarded-For (lib/auth/client-address.ts).
  TRUST_PROXY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number("TRUST_PROXY must be the number of proxy hops, such as 1").int("TRUST_PROXY must be a whole number of proxy hops, such as 1").min(0).max(10, "TRUST_PROXY must be a number of proxy hops between 0 and 10").default(0),
  ),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  resolveDatabaseTarget(parsed.data.DATABASE_URL); // throws a clear message for a bad DATABASE_URL
  return parsed.data;
}

/**
 * The secret that signs session JWTs. On the embedded database a missing one
 * is generated once and kept in the data folder, so `npm start` just works.
 * On PostgreSQL every server must share one, so it must be set, whatever
 * NODE_ENV says: there is no built-in fallback (a known secret lets anyone
 * forge an admin session).
 */
export function resolveAuthSecret(env: Env = readEnv()): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const target = resolveDatabaseTarget(env.DATABASE_URL);
  if (target.kind === "postgres") {
    throw new Error(
      "NEXTAUTH_SECRET is not set. On PostgreSQL every server must share one secret: " +
        "set NEXTAUTH_SECRET to a random string of at least 32 characters (openssl rand -base64 32).",
    );
  }
  const file = path.join(path.dirname(target.dir), "nextauth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
}
