import { z } from "zod";
import { hasKeptDifferences, verifyKept } from "@/lib/counts/verify-kept";
import { defineCommand } from "../shared/command";
import { openDatabase } from "../shared/database";

export const { usage, run } = defineCommand({
  usage: `usage: verify-counts [--project S] [--fix]

Recomputes everything Pairwise keeps counted from the rows and prints one
JSON report of the differences: the progress counts (docs/architecture.md,
"Counters": the item histogram, per-annotator, per-day and duration tallies,
each item's judgmentCount) and the agreement and leaderboard statistics
(per-item labels, agreement patterns, model-pair outcomes, annotator tables).
Exits 1 when it found any (also with --fix, which then repairs them), 0 when
everything agrees. Reads every row of the projects it checks.

  --project S   check this project only (default: every project)
  --fix         rebuild the counts and statistics of each project with a difference
`,
  options: {
    project: { type: "string" },
    fix: { type: "boolean" },
  },
  schema: z.object({ project: z.string().min(1).optional(), fix: z.boolean().optional() }),
  async handler(values, io) {
    await openDatabase();
    const report = await verifyKept({ slug: values.project, fix: values.fix });
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!hasKeptDifferences(report)) return 0;
    io.stderr.write(values.fix ? "Found differences and rebuilt the counts and statistics of the projects listed in \"fixed\".\n" : "Found differences: run again with --fix to repair them.\n");
    return 1;
  },
});
