import { z } from "zod";
import { createUser } from "@/lib/users/create-user";
import { createUserInput } from "@/lib/validations/user";
import { defineCommand, usageErrorFromZod } from "../shared/command";
import { openDatabase } from "../shared/database";
import { readStdinLine } from "../shared/stdin";

export const { usage, run } = defineCommand({
  usage: `usage: user create --email E --password P --role admin|lead|annotator [--name N]

Creates an account that signs in with email and password.

  --email E      the sign-in email (stored lower-case)
  --password P   at least 10 characters; "-" reads it from the first line of stdin,
                 which keeps it out of the shell history and the process list
  --role R       admin, lead or annotator
  --name N       the name shown in the app (default: the part of the email before @)
`,
  options: {
    email: { type: "string", required: true },
    password: { type: "string", required: true },
    role: { type: "string", required: true },
    name: { type: "string" },
  },
  schema: z.object({ email: z.string(), password: z.string(), role: z.string(), name: z.string().optional() }),
  async handler(values, io) {
    const password = values.password === "-" ? await readStdinLine() : values.password;
    const input = createUserInput.safeParse({ ...values, password });
    if (!input.success) throw usageErrorFromZod(input.error.issues, (key) => `--${key}`);
    await openDatabase();
    // actor null: the CLI runs on the server with the database's own credentials (see createUser).
    const user = await createUser({ actor: null, input: input.data });
    io.stdout.write(`Created ${user.role.toLowerCase()} ${user.email} ("${user.name}", id ${user.id}).\n`);
  },
});
