import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { importProjectItems } from "@/lib/import/import-project-items";
import type { ImportItemsReport } from "@/lib/import/import-items";
import { detectFormat, importFormats } from "@/lib/validations/import-format";
import { fileSource } from "@/lib/import/sources";
import { emailField } from "@/lib/validations/user";
import { CliFailure, EXIT_FAILED, EXIT_OK, UsageError, type Io } from "../shared/errors";
import { defineCommand } from "../shared/command";
import { resolveActingUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";
import { plural, printBadLines } from "../shared/import-report";
import { itemImportReportJson } from "@/lib/import/report-json";
import { pairRules, referenceSourceName } from "@/lib/validations/item-import";

export const { usage, run } = defineCommand({
  usage: `usage: import --project S FILE [--skip-bad-lines] [--format jsonl|json|csv|hh|trl|ratings] [--pairs all|best-vs-rest|adjacent] [--source NAME] [--dry-run] [--json] [--as EMAIL]

Imports items (prompt, two responses, …; see docs/formats.md) into a project,
streamed: the file is never held in memory whole.

A file with any bad line imports nothing (exit 1) and every bad line is
listed as "line N: reason". Ids the project already holds are left unchanged.

  --project S        the project's slug
  FILE               the file to import
  --skip-bad-lines   import the good lines and report the bad ones
  --format F         jsonl, json or csv (default: from the file's extension);
                     hh, trl or ratings: a preference dataset (JSONL), each
                     record's label kept as a reference judgment
  --pairs R          ratings: all (default), best-vs-rest or adjacent
  --source NAME      hh, trl, ratings: the reference's source name (default the format)
  --dry-run          validate and count; write nothing
  --json             print the report as JSON (as the REST API answers)
  --as EMAIL         act as this user (default: the first admin account)
`,
  options: {
    project: { type: "string", required: true },
    "skip-bad-lines": { type: "boolean" },
    format: { type: "string" },
    pairs: { type: "string" },
    source: { type: "string" },
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    as: { type: "string" },
  },
  positionals: ["file"],
  schema: z.object({
    project: z.string().min(1),
    file: z.string().min(1),
    "skip-bad-lines": z.boolean().optional(),
    format: z.enum(importFormats, { error: `must be one of ${importFormats.join(", ")}` }).optional(),
    pairs: z.enum(pairRules, { error: `must be one of ${pairRules.join(", ")}` }).optional(),
    source: referenceSourceName.optional(),
    "dry-run": z.boolean().optional(),
    json: z.boolean().optional(),
    as: emailField.optional(),
  }),
  async handler(values, io) {
    const format = values.format ?? detectFormat(values.file);
    if (!format) throw new UsageError(`cannot tell the format of ${path.basename(values.file)} from its name: pass --format jsonl, json or csv`);
    if (values.pairs && format !== "ratings") throw new UsageError("--pairs applies only to --format ratings");
    if (values.source && format !== "hh" && format !== "trl" && format !== "ratings") throw new UsageError("--source applies only to --format hh, trl or ratings");
    const info = fs.statSync(values.file, { throwIfNoEntry: false });
    if (!info?.isFile()) throw new CliFailure(`cannot read ${values.file}: no such file`);
    await openDatabase();
    const actor = await resolveActingUser(values.as);
    const onError = values["skip-bad-lines"] ? "skip" : "abort";
    const report = await importProjectItems({
      actor,
      slug: values.project,
      source: () => fileSource(values.file),
      format,
      onError,
      dryRun: values["dry-run"],
      dataset: values.pairs || values.source ? { pairs: values.pairs, source: values.source } : undefined,
      onProgress: progressPrinter(io, info.size),
      origin: { via: "cli", filename: path.basename(values.file), bytes: info.size },
    });
    clearProgress(io);
    const stopped = onError === "abort" && report.totalErrors > 0;
    if (values.json) io.stdout.write(`${JSON.stringify(itemImportReportJson(report))}\n`);
    else printReport(report, io, stopped);
    return stopped ? EXIT_FAILED : EXIT_OK;
  },
});

function printReport(report: ImportItemsReport, io: Io, stopped: boolean): void {
  const out = io.stdout;
  const verb = report.dryRun ? "Would import" : "Imported";
  if (!stopped) out.write(`${verb} ${plural(report.imported, "item")} from ${plural(report.lines, "record")}.\n`);
  if (report.duplicates) {
    out.write(`${plural(report.duplicates, "id")} already in the project, left unchanged: ${report.duplicateIds.join(", ")}${report.duplicates > report.duplicateIds.length ? ", …" : ""}\n`);
  }
  printBadLines(report, io, stopped);
  if (stopped) {
    io.stderr.write(
      `error: nothing was imported: the file has ${plural(report.totalErrors, "bad line")}. Fix ${report.totalErrors === 1 ? "it" : "them"}, or pass --skip-bad-lines to import the ${plural(report.valid, "good line")}.\n`,
    );
  }
}


/** A one-line progress meter on a terminal only: redirected output stays a clean report. */
function progressPrinter(io: Io, totalBytes: number) {
  const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
  if (!tty) return undefined;
  let last = 0;
  return (progress: { lines: number; bytes: number; phase: string }) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    const percent = totalBytes ? Math.min(100, Math.round((progress.bytes / totalBytes) * 100)) : 0;
    io.stderr.write(`\r${progress.phase === "validate" ? "checking" : "importing"} ${percent}% (${progress.lines.toLocaleString("en")} records)   `);
  };
}

function clearProgress(io: Io): void {
  if ((io.stderr as NodeJS.WriteStream).isTTY) io.stderr.write("\r\x1b[K");
}
