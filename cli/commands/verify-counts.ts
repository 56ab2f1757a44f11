import { z } from "zod";
import { hasDifferences, verifyCounts } from "@/lib/counts/verify-counts";
import { defineCommand } from "../shared/command";
import { openDatabase } from "../shared/database";

export const { usage, run } = defineCommand({
  usage: `usage: verify-counts [--project S] [--fix]

Recomputes every kept count (docs/architecture.md, "Counters": the item
histogram, per-annotator, per-day and duration tallies, and each item's
judgmentCount) from the rows and prints one JSON report of the differences.
Exits 1 when it found any (also with --fix, which then repairs them), 0 when
everything agrees. Reads every row of the projects it checks.

  --project S   check this project only (default: every project)
  --fix         rewrite the counts of each project with a difference
`,
  options: {
    project: { type: "string" },
    fix: { type: "boolean" },
  },
  schema: z.object({ project: z.string().min(1).optional(), fix: z.boolean().optional() }),
  async handler(values, io) {
    await openDatabase();
    const report = await verifyCounts({ slug: values.project, fix: values.fix });
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!hasDifferences(report)) return 0;
    io.stderr.write(values.fix ? "Found differences and rewrote the counts of the projects listed in \"fixed\".\n" : "Found differences: run again with --fix to repair them.\n");
    return 1;
  },
});
