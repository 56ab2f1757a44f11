import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { z } from "zod";
import { createJudgmentCollector, MAX_ABS_PREFERENCE } from "./collect-judgments";
import type { JudgmentTable } from "./types";

// Ids from other tools are sometimes numbers; they name the same thing as their string form.
const id = z
  .union([z.string().min(1), z.number().int()], {
    error: (issue) => (issue.input === undefined ? "required" : "expected a non-empty string or an integer"),
  })
  .transform(String);

/**
 * One line of a judgments file: the minimum of the raw export of docs/formats.md
 * (item_id, annotator, preference) plus the fields agreement can use. Other
 * raw-export fields (prompt, responses…) are allowed and ignored.
 */
export const agreementJsonlLine = z.object({
  item_id: id,
  annotator: id,
  preference: z.number().int().min(-MAX_ABS_PREFERENCE).max(MAX_ABS_PREFERENCE),
  scale: z.number().int().positive().nullish(),
  shown_swapped: z.boolean().nullish(),
  duration_ms: z.number().nonnegative().nullish(),
  created_at: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), "not a date")
    .nullish(),
});

export type AgreementJsonlResult =
  | { ok: true; table: JudgmentTable; scale: number; lines: number }
  | { ok: false; line: number; reason: string };

export const DEFAULT_SCALE = 3;

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

/**
 * Reads judgments JSONL line by line into a collector: the file is never held
 * in memory, only its typed columns. Stops at the first bad line (blank lines
 * are skipped). Without an explicit scale the file decides: the largest
 * `scale` field, else the largest |preference|, else 3.
 */
export async function readAgreementJsonl(input: Readable, opts: { scale?: number } = {}): Promise<AgreementJsonlResult> {
  const collector = createJudgmentCollector();
  const rl = createInterface({ input, crlfDelay: Infinity });
  // readline does not forward input errors to its iterator; end it and rethrow.
  let streamError: unknown = null;
  input.once("error", (error) => {
    streamError = error;
    rl.close();
  });
  let lineNo = 0;
  let maxScale = 0;
  let maxAbs = 0;
  try {
    for await (const raw of rl) {
      lineNo++;
      const text = (lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw).trim();
      if (text === "") continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        return { ok: false, line: lineNo, reason: `invalid JSON (${(error as Error).message})` };
      }
      const parsed = agreementJsonlLine.safeParse(json);
      if (!parsed.success) return { ok: false, line: lineNo, reason: describe(parsed.error) };
      const row = parsed.data;
      const abs = Math.abs(row.preference);
      const bound = opts.scale ?? row.scale;
      if (bound != null && abs > bound) {
        return { ok: false, line: lineNo, reason: `preference ${row.preference} is outside -${bound}..${bound}` };
      }
      maxScale = Math.max(maxScale, row.scale ?? 0);
      maxAbs = Math.max(maxAbs, abs);
      collector.add({
        itemId: row.item_id,
        annotator: row.annotator,
        preference: row.preference,
        shownSwapped: row.shown_swapped,
        durationMs: row.duration_ms,
        createdAt: row.created_at,
      });
    }
  } finally {
    rl.close();
  }
  if (streamError) throw streamError;
  const scale = opts.scale ?? (maxScale || maxAbs || DEFAULT_SCALE);
  return { ok: true, table: collector.build(), scale, lines: lineNo };
}
