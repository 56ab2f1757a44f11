import { z } from "zod";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { apiTokenName } from "@/lib/validations/api-token";
import { emailField } from "@/lib/validations/user";
import { defineCommand } from "../shared/command";
import { findLoginUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";
import { CliFailure } from "../shared/errors";
import { readEnv } from "@/lib/env";

/** Where a running server's API tokens page is (NEXTAUTH_URL, else localhost on PORT, as `npm start` prints it). */
const TOKENS_PAGE_HINT = () => {
  const env = readEnv();
  const base = (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return `While the server runs, create the token on its API tokens page instead: sign in and open ${base}/tokens (README, "REST API").`;
};

export const { usage, run } = defineCommand({
  usage: `usage: token create --email E --name N

Creates an API token owned by the user with email E and prints the token
alone on stdout (nothing else), so scripts can capture it:

  TOKEN=$(npm run --silent cli -- token create --email me@example.org --name "training pipeline")

The token acts with its owner's role and project memberships. It is shown
only now; the database keeps its hash. Revoke it on the API tokens page.
On the embedded database this cannot run beside the server: create the
token on the server's API tokens page (/tokens) instead.

  --email E   the owner (an enabled account)
  --name N    what the token is for, shown in the list of tokens
`,
  options: {
    email: { type: "string", required: true },
    name: { type: "string", required: true },
  },
  schema: z.object({ email: emailField, name: apiTokenName }),
  async handler(input, io) {
    await openDatabase().catch((error: unknown) => {
      // The embedded database is held by the running server: the token is made on its API tokens page instead.
      if (error instanceof Error && error.name === "DatabaseInUseError") throw new CliFailure(`${error.message}\n${TOKENS_PAGE_HINT()}`);
      throw error;
    });
    const owner = await findLoginUser(input.email);
    const created = await createApiToken({ actor: owner, name: input.name });
    io.stdout.write(`${created.token}\n`);
  },
});
