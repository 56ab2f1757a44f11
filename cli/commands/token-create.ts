import { z } from "zod";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { apiTokenName } from "@/lib/validations/api-token";
import { emailField } from "@/lib/validations/user";
import { defineCommand } from "../shared/command";
import { findLoginUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";

export const { usage, run } = defineCommand({
  usage: `usage: token create --email E --name N

Creates an API token owned by the user with email E and prints the token
alone on stdout (nothing else), so scripts can capture it:

  TOKEN=$(npm run --silent cli -- token create --email me@example.org --name "training pipeline")

The token acts with its owner's role and project memberships. It is shown
only now; the database keeps its hash. Revoke it on the API tokens page.

  --email E   the owner (an enabled account)
  --name N    what the token is for, shown in the list of tokens
`,
  options: {
    email: { type: "string", required: true },
    name: { type: "string", required: true },
  },
  schema: z.object({ email: emailField, name: apiTokenName }),
  async handler(input, io) {
    await openDatabase();
    const owner = await findLoginUser(input.email);
    const created = await createApiToken({ actor: owner, name: input.name });
    io.stdout.write(`${created.token}\n`);
  },
});
