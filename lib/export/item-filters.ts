import { AppError } from "@/lib/errors";
import { consensusOf } from "./consensus";
import type { ExportFilters, ExportFormat } from "./types";

/**
 * Item-level filters shared by every format, the line count and the data
 * card, so "N lines" before a download always matches the file. exclude_gold
 * and the date range are applied in SQL; the others need the item's judgments.
 * `bothBad` is how many of them flag both responses bad.
 */
export function passesItemFilters(preferences: readonly number[], filters: ExportFilters, bothBad = 0): boolean {
  if (preferences.length === 0) return false;
  if (filters.bothBad === "drop" && bothBad > 0 && bothBad * 2 >= preferences.length) return false;
  if (filters.minJudgments !== undefined && preferences.length < filters.minJudgments) return false;
  if (filters.minAgreement !== undefined) {
    const consensus = consensusOf(preferences);
    if (!consensus || consensus.agreement < filters.minAgreement) return false;
  }
  return true;
}

/** Rejects filters no caller should send (a typed error the REST layer maps to 400). */
export function assertValidFilters(filters: ExportFilters): void {
  const { minJudgments, minAgreement, from, to, ties, promptFormat, bothBad } = filters;
  if (minJudgments !== undefined && (!Number.isInteger(minJudgments) || minJudgments < 0)) {
    throw new AppError("bad_request", `min_judgments must be a whole number ≥ 0 (got ${minJudgments})`);
  }
  if (minAgreement !== undefined && !(minAgreement >= 0 && minAgreement <= 1)) {
    throw new AppError("bad_request", `min_agreement must be between 0 and 1 (got ${minAgreement})`);
  }
  if (ties !== undefined && ties !== "drop" && ties !== "keep") {
    throw new AppError("bad_request", `ties must be "drop" or "keep" (got ${String(ties)})`);
  }
  if (bothBad !== undefined && bothBad !== "keep" && bothBad !== "drop") {
    throw new AppError("bad_request", `both_bad must be "keep" or "drop" (got ${String(bothBad)})`);
  }
  if (promptFormat !== undefined && !["auto", "text", "chat"].includes(promptFormat)) {
    throw new AppError("bad_request", `prompt_format must be "auto", "text" or "chat" (got ${String(promptFormat)})`);
  }
  for (const [name, date] of [["from", from], ["to", to]] as const) {
    if (date !== undefined && Number.isNaN(date.getTime())) throw new AppError("bad_request", `${name} is not a valid date`);
  }
  if (from && to && from.getTime() > to.getTime()) {
    throw new AppError("bad_request", "from must not be after to");
  }
}

/**
 * The filters as the data card of a `format` export prints them (snake_case,
 * every key present): `ties` is null for raw (it holds every judgment, ties
 * included) and always "drop" for hh; `prompt_format` (the form trl lines
 * were written in, auto resolved) is null except for trl.
 */
export function describeFilters(filters: ExportFilters, format: ExportFormat = "raw", promptForm: "text" | "chat" | null = null) {
  return {
    min_judgments: filters.minJudgments ?? null,
    min_agreement: filters.minAgreement ?? null,
    exclude_gold: filters.excludeGold ?? false,
    ties: format === "raw" ? null : format === "hh" ? "drop" : (filters.ties ?? "drop"),
    prompt_format: format === "trl" ? promptForm : null,
    both_bad: filters.bothBad ?? "keep",
    from: filters.from?.toISOString() ?? null,
    to: filters.to?.toISOString() ?? null,
  };
}

/** How many of these judgments flag both responses bad. */
export function countBothBad(judgments: ReadonlyArray<{ flags?: readonly string[] }>): number {
  return judgments.filter((j) => j.flags?.includes("both_bad")).length;
}
