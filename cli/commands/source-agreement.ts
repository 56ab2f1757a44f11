import { z } from "zod";
import { getProjectSourceAgreement } from "@/lib/reference/project-source-agreement";
import { emailField } from "@/lib/validations/user";
import { defineCommand, intFlag } from "../shared/command";
import { resolveActingUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";

export const { usage, run } = defineCommand({
  usage: `usage: source-agreement --project S [--limit N] [--json] [--as EMAIL]

How often the project's consensus and each annotator pick the label an
imported dataset (import --format hh|trl|ratings) came with, with Wilson 95%
intervals, and the items where the crowd overturns it (docs/formats.md,
"Agreement with the source").

  --project S   the project's slug
  --limit N     overturned items to list (default 100)
  --json        print the figures as JSON (as the REST API answers)
  --as EMAIL    act as this user (default: the first admin account)
`,
  options: {
    project: { type: "string", required: true },
    limit: { type: "string" },
    json: { type: "boolean" },
    as: { type: "string" },
  },
  schema: z.object({
    project: z.string().min(1),
    limit: intFlag.pipe(z.number().int().min(0, "must be at least 0").max(1000, "must be at most 1000")).optional(),
    json: z.boolean().optional(),
    as: emailField.optional(),
  }),
  async handler(values, io) {
    await openDatabase();
    const actor = await resolveActingUser(values.as);
    const result = await getProjectSourceAgreement({ actor, slug: values.project, limit: values.limit });
    if (values.json) {
      io.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const out = io.stdout;
    const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
    const interval = (i: { low: number; high: number } | null) => (i ? ` (95% CI ${pct(i.low)}–${pct(i.high)})` : "");
    if (result.reference_items === 0) {
      out.write(`Project ${result.project} has no reference labels: import a dataset with --format hh, trl or ratings.\n`);
      return;
    }
    out.write(`Sources: ${result.sources.join(", ")}. ${result.reference_items} items with a reference label, ${result.judged_items} of them judged.\n`);
    out.write(`Consensus picks the source's choice on ${result.overall.agree} of ${result.overall.total} items: ${pct(result.overall.rate)}${interval(result.overall.interval)}.\n`);
    for (const a of result.per_annotator) out.write(`  ${a.annotator}: ${a.agree}/${a.total} ${pct(a.rate)}${interval(a.interval)}\n`);
    if (result.total_overturned > 0) {
      out.write(`Overturned (${result.total_overturned}; source → consensus):\n`);
      for (const o of result.overturned) out.write(`  ${o.item_id}: ${o.reference} → ${o.consensus} (${o.n_judgments} judgments, mean ${o.mean.toFixed(2)})\n`);
    }
  },
});
