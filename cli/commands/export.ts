import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { z } from "zod";
import { authorizeExport } from "@/lib/export-access/authorize-export";
import { buildDataCard, exportProject, renderDataCardMarkdown, toNodeStream } from "@/lib/export";
import { emailField } from "@/lib/validations/user";
import { CliFailure, type Io } from "../shared/errors";
import { defineCommand, intFlag } from "../shared/command";
import { resolveActingUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";

const dateFlag = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "must be a date such as 2026-11-27 or 2026-11-27T10:00:00Z");

export const { usage, run } = defineCommand({
  usage: `usage: export --project S --format raw|trl|hh|card [--out FILE] [filters…] [--identities] [--as EMAIL]

Exports a project's judgments as JSONL (docs/formats.md), streamed from the
database batch by batch, to FILE or to stdout. Every export is audited.

  --project S          the project's slug
  --format F           raw (one line per judgment), trl (one per item with a
                       consensus: TRL RewardTrainer/DPOTrainer), hh (Anthropic
                       HH-RLHF transcripts) or card (the data card, JSON)
  --out FILE           write here (via FILE.partial, renamed when complete)
  --min-judgments N    leave out items with fewer judgments
  --min-agreement X    leave out items whose agreement with their consensus is below X (0..1)
  --exclude-gold       leave out gold items
  --ties drop|keep     trl: write items whose consensus is a tie, marked "tie": true (default drop)
  --consensus majority|reliability|source
                       trl, hh: chosen by the mean preference (default), by
                       the reliability model's posterior (with p_chosen per
                       line), or by an imported dataset's own label (source:
                       every item with one, judged or not)
  --prompt-format auto|text|chat
                       trl: one prompt form for every line; auto = chat when
                       any prompt of the project is a chat (default auto)
  --both-bad keep|drop drop: leave out items at least half of whose judgments
                       flag both responses bad (default keep)
  --from DATE          only judgments made at or after DATE
  --to DATE            only judgments made before DATE
  --include-reference  raw: add each item's imported label as a line by source:<name>
  --source-agreement agree|disagree
                       only items whose consensus agrees / disagrees with
                       the imported label
  --identities         annotators' emails instead of pseudonyms (admins only)
  --markdown           card: markdown instead of JSON
  --card-for F         card: the export it goes with, raw, trl or hh (default raw)
  --as EMAIL           act as this user (default: the first admin account)
`,
  options: {
    project: { type: "string", required: true },
    format: { type: "string", required: true },
    out: { type: "string" },
    "min-judgments": { type: "string" },
    "min-agreement": { type: "string" },
    "exclude-gold": { type: "boolean" },
    ties: { type: "string" },
    consensus: { type: "string" },
    "prompt-format": { type: "string" },
    "both-bad": { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "include-reference": { type: "boolean" },
    "source-agreement": { type: "string" },
    identities: { type: "boolean" },
    markdown: { type: "boolean" },
    "card-for": { type: "string" },
    as: { type: "string" },
  },
  schema: z.object({
    project: z.string().min(1),
    format: z.enum(["raw", "trl", "hh", "ranking", "card"], { error: "must be raw, trl, hh, ranking or card" }),
    out: z.string().min(1).optional(),
    "min-judgments": intFlag.pipe(z.number().int().min(1, "must be at least 1").max(1000)).optional(),
    "min-agreement": z.string().regex(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, "must be a number from 0 to 1").optional(),
    "exclude-gold": z.boolean().optional(),
    ties: z.enum(["drop", "keep"], { error: "must be drop or keep" }).optional(),
    consensus: z.enum(["majority", "reliability", "source"], { error: "must be majority, reliability or source" }).optional(),
    "prompt-format": z.enum(["auto", "text", "chat"], { error: "must be auto, text or chat" }).optional(),
    "both-bad": z.enum(["keep", "drop"], { error: "must be keep or drop" }).optional(),
    from: dateFlag.optional(),
    to: dateFlag.optional(),
    "include-reference": z.boolean().optional(),
    "source-agreement": z.enum(["agree", "disagree"], { error: "must be agree or disagree" }).optional(),
    identities: z.boolean().optional(),
    markdown: z.boolean().optional(),
    "card-for": z.enum(["raw", "trl", "hh"], { error: "must be raw, trl or hh" }).optional(),
    as: emailField.optional(),
  }),
  async handler(values, io) {
    await openDatabase();
    const actor = await resolveActingUser(values.as);
    // The REST route's query names, so authorizeExport applies the same rules and audits the same way.
    const params: Record<string, string> = { format: values.format };
    if (values["min-judgments"] !== undefined) params.min_judgments = String(values["min-judgments"]);
    if (values["min-agreement"] !== undefined) params.min_agreement = values["min-agreement"];
    if (values["exclude-gold"]) params.exclude_gold = "true";
    if (values.ties) params.ties = values.ties;
    if (values.consensus) params.consensus = values.consensus;
    if (values["prompt-format"]) params.prompt_format = values["prompt-format"];
    if (values["both-bad"]) params.both_bad = values["both-bad"];
    if (values.from) params.from = values.from;
    if (values.to) params.to = values.to;
    if (values["include-reference"]) params.include_reference = "true";
    if (values["source-agreement"]) params.source_agreement = values["source-agreement"];
    if (values.identities) params.identities = "true";
    if (values.markdown) params.as = "md";
    if (values["card-for"]) params.card_for = values["card-for"];
    const { project, query, filters } = await authorizeExport({ actor, slug: values.project, params });

    let source: Readable;
    let lines = 0;
    if (query.format === "card") {
      const card = await buildDataCard({ projectId: project.id, filters, format: query.card_for });
      source = Readable.from([values.markdown ? renderDataCardMarkdown(card) : `${JSON.stringify(card, null, 2)}\n`]);
    } else {
      const exported = exportProject({ projectId: project.id, format: query.format, filters, identities: query.identities });
      source = toNodeStream(counted(exported, () => lines++));
    }
    await writeOut(source, values.out, io);
    if (values.out) {
      io.stderr.write(query.format === "card" ? `Wrote the data card to ${values.out}.\n` : `Wrote ${lines.toLocaleString("en")} ${query.format} line${lines === 1 ? "" : "s"} to ${values.out}.\n`);
    }
  },
});

async function* counted(lines: AsyncGenerator<string, void, undefined>, onLine: () => void): AsyncGenerator<string, void, undefined> {
  for await (const line of lines) {
    onLine();
    yield line;
  }
}

/**
 * Streams to stdout or to FILE with back-pressure (pipeline waits for the
 * disk or the pipe). A file is written as FILE.partial and renamed at the
 * end, so an export that fails half-way never looks like a finished one.
 */
async function writeOut(source: Readable, out: string | undefined, io: Io): Promise<void> {
  if (!out) {
    try {
      // stdout stays open: the CLI writes after the export and closes it itself.
      await pipeline(source, io.stdout, { end: false });
    } catch (error) {
      // The reader went away (`… | head`): the export stops, which is what they asked for.
      if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
    }
    return;
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(source, fs.createWriteStream(partial, { flags: "w" }));
    await fs.promises.rename(partial, out);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EACCES") {
      throw new CliFailure(`cannot write ${out}: ${(error as Error).message}`);
    }
    throw error;
  }
}
