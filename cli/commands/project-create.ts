import fs from "node:fs/promises";
import { z } from "zod";
import { createProject } from "@/lib/projects/create-project";
import { createProjectInput } from "@/lib/validations/project";
import { emailField } from "@/lib/validations/user";
import { CliFailure } from "../shared/errors";
import { defineCommand, intFlag, usageErrorFromZod } from "../shared/command";
import { resolveActingUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";

// createProjectInput's fields, as the flags that set them.
const flagOf: Record<string, string> = {
  allow_tie: "--no-ties", require_rationale: "--require-rationale", lease_minutes: "--lease-minutes",
  overlap_min: "--overlap-min", overlap_max: "--overlap-max", stop_share: "--stop-share", stop_on: "--stop-on",
};

export const { usage, run } = defineCommand({
  usage: `usage: project create --slug S --name N [--scale 3] [--overlap 3] [--status draft|active|paused|archived]
                      [--overlap-min k --overlap-max K [--stop-share 0.75] [--stop-on share|bound]]
                      [--description TEXT] [--guidelines FILE] [--no-ties] [--require-rationale]
                      [--sampling uniform|leaderboard] [--as EMAIL]

Creates a project; the acting user becomes its lead.

  --slug S              lowercase letters, digits and -, used in URLs
  --name N              the project's name
  --scale S             preferences are whole numbers in -S..S (1 to 5; default 3)
  --overlap N           judgments wanted per item (default 3)
  --overlap-min k       adaptive overlap (docs/formats.md): at least k judgments per item,
  --overlap-max K       at most K; in between an item stops when its judgments agree
  --stop-share X        the majority share that stops an item, above 0.5 up to 1 (default 0.75)
  --stop-on share|bound stop on the share itself (default) or on its lower 90% bound
  --status X            default draft: annotators get items only once it is active
  --description TEXT    one line shown to annotators in their project list
  --guidelines FILE     markdown guidelines read from FILE (version 1)
  --no-ties             annotators may not answer "tie" (0)
  --require-rationale   every judgment needs a written reason
  --sampling X          uniform (default): fewest judgments first; leaderboard: the least
                        settled model pair first (docs/formats.md, "Leaderboard sampling")
  --as EMAIL            act as this user (default: the first admin account; the CLI
                        is a trusted local tool that runs with the database's access)
`,
  options: {
    slug: { type: "string", required: true },
    name: { type: "string", required: true },
    scale: { type: "string" },
    overlap: { type: "string" },
    "overlap-min": { type: "string" },
    "overlap-max": { type: "string" },
    "stop-share": { type: "string" },
    "stop-on": { type: "string" },
    status: { type: "string" },
    description: { type: "string" },
    guidelines: { type: "string" },
    "no-ties": { type: "boolean" },
    "require-rationale": { type: "boolean" },
    sampling: { type: "string" },
    as: { type: "string" },
  },
  schema: z.object({
    slug: z.string(),
    name: z.string(),
    scale: intFlag.optional(),
    overlap: intFlag.optional(),
    "overlap-min": intFlag.optional(),
    "overlap-max": intFlag.optional(),
    "stop-share": z.coerce.number().optional(),
    "stop-on": z.string().optional(),
    status: z.string().optional(),
    description: z.string().optional(),
    guidelines: z.string().optional(),
    "no-ties": z.boolean().optional(),
    "require-rationale": z.boolean().optional(),
    sampling: z.string().optional(),
    as: emailField.optional(),
  }),
  async handler(values, io) {
    const guidelines = values.guidelines === undefined ? undefined : await readGuidelines(values.guidelines);
    const input = {
      slug: values.slug,
      name: values.name,
      scale: values.scale,
      overlap: values.overlap,
      overlap_min: values["overlap-min"],
      overlap_max: values["overlap-max"],
      stop_share: values["stop-share"],
      stop_on: values["stop-on"],
      status: values.status,
      description: values.description,
      guidelines,
      allow_tie: values["no-ties"] ? false : undefined,
      require_rationale: values["require-rationale"] || undefined,
      sampling: values.sampling,
    };
    // Checked here as well as in createProject, so a bad value is exit 2 naming the flag.
    const parsed = createProjectInput.safeParse(input);
    if (!parsed.success) throw usageErrorFromZod(parsed.error.issues, (key) => flagOf[key] ?? `--${key}`);
    await openDatabase();
    const actor = await resolveActingUser(values.as);
    const project = await createProject({ actor, input: parsed.data });
    io.stdout.write(
      `Created project ${project.slug} ("${project.name}"): ${project.status.toLowerCase()}, scale -${project.scale}..${project.scale}, ` +
        `${overlapText(project)} per item, led by ${actor.email}.\n`,
    );
  },
});

function overlapText(project: { overlap: number; overlapMin: number | null; overlapMax: number | null; stopShare: number; stopOn: string }): string {
  if (project.overlapMin !== null && project.overlapMax !== null) {
    return `${project.overlapMin} to ${project.overlapMax} judgments (stopping at a ${project.stopOn === "bound" ? "lower 90% bound" : "majority share"} of ${project.stopShare})`;
  }
  return `${project.overlap} judgment${project.overlap === 1 ? "" : "s"}`;
}

async function readGuidelines(file: string): Promise<string> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (error) {
    throw new CliFailure(`cannot read the guidelines file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
