import { z } from "zod";
import { addMember } from "@/lib/members/add-member";
import { addMemberInput } from "@/lib/validations/project";
import { emailField } from "@/lib/validations/user";
import { defineCommand, usageErrorFromZod } from "../shared/command";
import { resolveActingUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";

export const { usage, run } = defineCommand({
  usage: `usage: members add --project S --email E --role lead|annotator [--as EMAIL]

Adds an existing user to a project, or changes their role in it. People
without an account join through an invite link (admin area) instead.

  --project S   the project's slug
  --email E     the user's email
  --role R      lead (the account must be a lead or admin account) or annotator
  --as EMAIL    act as this user (default: the first admin account)
`,
  options: {
    project: { type: "string", required: true },
    email: { type: "string", required: true },
    role: { type: "string", required: true },
    as: { type: "string" },
  },
  schema: z.object({ project: z.string().min(1), email: z.string(), role: z.string(), as: emailField.optional() }),
  async handler(values, io) {
    const input = { email: values.email, role: values.role };
    const parsed = addMemberInput.safeParse(input);
    if (!parsed.success) throw usageErrorFromZod(parsed.error.issues, (key) => `--${key}`);
    await openDatabase();
    const actor = await resolveActingUser(values.as);
    const { member, created } = await addMember({ actor, slug: values.project, input: parsed.data });
    io.stdout.write(
      created
        ? `Added ${member.email} to ${values.project} as ${member.role}.\n`
        : `${member.email} is a member of ${values.project} as ${member.role} (was a member already).\n`,
    );
  },
});
