import { z } from "zod";
import { readProjectQuality } from "@/lib/quality/project-quality";
import { emailField } from "@/lib/validations/user";
import { defineCommand } from "../shared/command";
import { resolveActingUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";

export const { usage, run } = defineCommand({
  usage: `usage: quality --project S [--identities] [--as EMAIL]

Prints one JSON object with each annotator's quality figures (docs/formats.md,
"Annotator quality"): Dawid–Skene reliability and confusion matrix, gold
accuracy with its 95% interval, self-consistency on swapped re-checks,
majority agreement, side bias, median time, integrity flags and status,
and a short plain reading. The same object as GET /api/v1/projects/S/quality.

  --project S    the project's slug
  --identities   add each pseudonym's name and email (admins only)
  --as EMAIL     act as this user (default: the first admin account)
`,
  options: {
    project: { type: "string", required: true },
    identities: { type: "boolean" },
    as: { type: "string" },
  },
  schema: z.object({ project: z.string().min(1), identities: z.boolean().optional(), as: emailField.optional() }),
  async handler(values, io) {
    await openDatabase();
    const actor = await resolveActingUser(values.as);
    const result = await readProjectQuality({ actor, slug: values.project, identities: values.identities ? "export" : undefined });
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  },
});
