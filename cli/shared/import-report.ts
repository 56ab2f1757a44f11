import type { Io } from "./errors";

export const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

/** The bad lines of an import (items or judgments), as both import commands print them. */
export function printBadLines(
  report: { errors: { line: number; reason: string }[]; totalErrors: number },
  io: Io,
  stopped: boolean,
): void {
  if (!report.totalErrors) return;
  io.stdout.write(`${plural(report.totalErrors, "bad line")}${stopped ? "" : " skipped"}:\n`);
  for (const error of report.errors) io.stdout.write(`  line ${error.line}: ${error.reason}\n`);
  if (report.totalErrors > report.errors.length) io.stdout.write(`  … and ${plural(report.totalErrors - report.errors.length, "more bad line")}\n`);
}
