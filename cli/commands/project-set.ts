import { z } from "zod";
import { updateProject } from "@/lib/projects/update-project";
import { updateProjectInput } from "@/lib/validations/project";
import { emailField } from "@/lib/validations/user";
import { defineCommand, intFlag, usageErrorFromZod } from "../shared/command";
import { resolveActingUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";

// updateProjectInput's fields, as the flags that set them.
const flagOf: Record<string, string> = { lease_minutes: "--lease-minutes" };

export const { usage, run } = defineCommand({
  usage: `usage: project set --project S [--sampling uniform|leaderboard] [--overlap K] [--status X]
                   [--lease-minutes M] [--as EMAIL]

Changes a project's settings, as the settings page and PATCH /api/v1/projects/{slug} do.
Only the flags given change; the change is audited.

  --project S          the project's slug
  --sampling X         uniform: fewest judgments first, then oldest; leaderboard: the items of
                       the least settled model pair first (docs/formats.md, "Leaderboard sampling")
  --overlap K          judgments wanted per item
  --status X           draft, active, paused or archived
  --lease-minutes M    how long a lease lasts before the item returns to the pool
  --as EMAIL           act as this user (default: the first admin account)
`,
  options: {
    project: { type: "string", required: true },
    sampling: { type: "string" },
    overlap: { type: "string" },
    status: { type: "string" },
    "lease-minutes": { type: "string" },
    as: { type: "string" },
  },
  schema: z.object({
    project: z.string().min(1),
    sampling: z.string().optional(),
    overlap: intFlag.optional(),
    status: z.string().optional(),
    "lease-minutes": intFlag.optional(),
    as: emailField.optional(),
  }),
  async handler(values, io) {
    const input = { sampling: values.sampling, overlap: values.overlap, status: values.status, lease_minutes: values["lease-minutes"] };
    // Checked here as well as in updateProject, so a bad value is exit 2 naming the flag.
    const parsed = updateProjectInput.safeParse(input);
    if (!parsed.success) throw usageErrorFromZod(parsed.error.issues, (key) => flagOf[key] ?? `--${key}`);
    await openDatabase();
    const actor = await resolveActingUser(values.as);
    const project = await updateProject({ actor, slug: values.project, input: parsed.data });
    io.stdout.write(
      `Project ${project.slug}: ${project.status.toLowerCase()}, ${project.overlap} judgment${project.overlap === 1 ? "" : "s"} per item, ` +
        `${project.sampling} sampling, leases of ${project.leaseMinutes} min.\n`,
    );
  },
});
