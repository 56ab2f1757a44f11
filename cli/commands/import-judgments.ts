import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { ImportJudgmentsReport } from "@/lib/import/import-judgments";
import { importProjectJudgments } from "@/lib/import/import-project-judgments";
import { fileSource } from "@/lib/import/sources";
import { emailField } from "@/lib/validations/user";
import { CliFailure, EXIT_FAILED, EXIT_OK, type Io } from "../shared/errors";
import { defineCommand } from "../shared/command";
import { resolveActingUser } from "../shared/acting-user";
import { openDatabase } from "../shared/database";
import { plural, printBadLines } from "../shared/import-report";
import { judgmentImportReportJson } from "@/lib/import/report-json";

export const { usage, run } = defineCommand({
  usage: `usage: judgments import --project S FILE [--skip-bad-lines] [--dry-run] [--json] [--as EMAIL]

Merges judgments made elsewhere into a project: raw-export JSONL (docs/formats.md),
at least item_id, annotator and preference per line. An annotator is a member
of the project, named by email or by the pseudonym this project's export
gives them, or a name without "@" for an external annotator of this project
(created, no login). Anyone else is a bad line: judgments are never
attributed to an account that is no member.

A file with any bad line imports nothing (exit 1) and every bad line is
listed as "line N: reason". Judgments an annotator already made here are left
unchanged; importing the same file again adds nothing.

  --project S        the project's slug
  FILE               the JSONL file
  --skip-bad-lines   import the good lines and report the bad ones
  --dry-run          validate and count; write nothing
  --json             print the report as JSON (as the REST API answers)
  --as EMAIL         act as this user (default: the first admin account)
`,
  options: {
    project: { type: "string", required: true },
    "skip-bad-lines": { type: "boolean" },
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    as: { type: "string" },
  },
  positionals: ["file"],
  schema: z.object({
    project: z.string().min(1),
    file: z.string().min(1),
    "skip-bad-lines": z.boolean().optional(),
    "dry-run": z.boolean().optional(),
    json: z.boolean().optional(),
    as: emailField.optional(),
  }),
  async handler(values, io) {
    const info = fs.statSync(values.file, { throwIfNoEntry: false });
    if (!info?.isFile()) throw new CliFailure(`cannot read ${values.file}: no such file`);
    await openDatabase();
    const actor = await resolveActingUser(values.as);
    const onError = values["skip-bad-lines"] ? "skip" : "abort";
    const report = await importProjectJudgments({
      actor,
      slug: values.project,
      source: () => fileSource(values.file),
      onError,
      dryRun: values["dry-run"],
      origin: { via: "cli", filename: path.basename(values.file), bytes: info.size },
    });
    const stopped = onError === "abort" && report.totalErrors > 0;
    if (values.json) io.stdout.write(`${JSON.stringify(judgmentImportReportJson(report))}\n`);
    else printReport(report, io, stopped);
    return stopped ? EXIT_FAILED : EXIT_OK;
  },
});

function printReport(report: ImportJudgmentsReport, io: Io, stopped: boolean): void {
  const out = io.stdout;
  if (!stopped) {
    out.write(`${report.dryRun ? "Would import" : "Imported"} ${plural(report.imported, "judgment")} from ${plural(report.lines, "line")}.\n`);
    if (report.annotatorsCreated) out.write(`${plural(report.annotatorsCreated, "external annotator")} ${report.dryRun ? "would be created" : "created"} (no login).\n`);
  }
  if (report.duplicates) out.write(`${plural(report.duplicates, "judgment")} already here, left unchanged.\n`);
  printBadLines(report, io, stopped);
  if (stopped) {
    io.stderr.write(`error: nothing was imported: the file has ${plural(report.totalErrors, "bad line")}. Fix ${report.totalErrors === 1 ? "it" : "them"}, or pass --skip-bad-lines to import the good ones.\n`);
  }
}

