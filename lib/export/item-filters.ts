import { AppError } from "@/lib/errors";
import { consensusOf } from "./consensus";
import type { ExportFilters } from "./types";

/**
 * Item-level filters shared by every format, the line count and the data
 * card, so "N lines" before a download always matches the file. exclude_gold
 * and the date range are applied in SQL; these two need the item's judgments.
 */
export function passesItemFilters(preferences: readonly number[], filters: ExportFilters): boolean {
  if (preferences.length === 0) return false;
  if (filters.minJudgments !== undefined && preferences.length < filters.minJudgments) return false;
  if (filters.minAgreement !== undefined) {
    const consensus = consensusOf(preferences);
    if (!consensus || consensus.agreement < filters.minAgreement) return false;
  }
  return true;
}

/** Rejects filters no caller should send (a typed error the REST layer maps to 400). */
export function assertValidFilters(filters: ExportFilters): void {
  const { minJudgments, minAgreement, from, to, ties } = filters;
  if (minJudgments !== undefined && (!Number.isInteger(minJudgments) || minJudgments < 0)) {
    throw new AppError("bad_request", `min_judgments must be a whole number ≥ 0 (got ${minJudgments})`);
  }
  if (minAgreement !== undefined && !(minAgreement >= 0 && minAgreement <= 1)) {
    throw new AppError("bad_request", `min_agreement must be between 0 and 1 (got ${minAgreement})`);
  }
  if (ties !== undefined && ties !== "drop" && ties !== "keep") {
    throw new AppError("bad_request", `ties must be "drop" or "keep" (got ${String(ties)})`);
  }
  for (const [name, date] of [["from", from], ["to", to]] as const) {
    if (date !== undefined && Number.isNaN(date.getTime())) throw new AppError("bad_request", `${name} is not a valid date`);
  }
  if (from && to && from.getTime() > to.getTime()) {
    throw new AppError("bad_request", "from must not be after to");
  }
}

/** The filters as the data card prints them (snake_case, every key present). */
export function describeFilters(filters: ExportFilters) {
  return {
    min_judgments: filters.minJudgments ?? null,
    min_agreement: filters.minAgreement ?? null,
    exclude_gold: filters.excludeGold ?? false,
    ties: filters.ties ?? "drop",
    from: filters.from?.toISOString() ?? null,
    to: filters.to?.toISOString() ?? null,
  };
}
