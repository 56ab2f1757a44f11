import type { Ranking } from "@/lib/ranking-items/ranking";
/**
 * What the export code reads from the database, in the shapes the line
 * builders take. camelCase: these are TypeScript inputs; the lines they
 * become are snake_case (docs/formats.md, "Export formats").
 */
export type ExportFormat = "raw" | "trl" | "hh" | "ranking";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["raw", "trl", "hh", "ranking"];

export type TiesMode = "drop" | "keep";
/** trl/hh: whose consensus picks chosen and rejected: the mean preference, the reliability model's posterior (docs/formats.md, "Consensus by reliability"), or an imported reference label ("Reference judgments"). */
export type ConsensusMode = "majority" | "reliability" | "source";
/** trl prompt form: auto = chat when any prompt of the project is a chat, else text (docs/formats.md, "trl"). */
export type PromptFormat = "auto" | "text" | "chat";
export const PROMPT_FORMATS: readonly PromptFormat[] = ["auto", "text", "chat"];

export type ChatMessage = { role: string; content: string };
/** A plain prompt, or a chat transcript whose last message is the user's. */
export type Prompt = string | ChatMessage[];

export type ExportFilters = {
  /** Items with fewer judgments (after the date range) are left out. */
  minJudgments?: number;
  /** Items whose agreement with their consensus is lower (0..1) are left out. */
  minAgreement?: number;
  /** Leave out gold items (those with a gold preference). */
  excludeGold?: boolean;
  /** trl only: write items whose consensus is a tie (`"tie": true`). hh always drops them. */
  ties?: TiesMode;
  /** drop: leave out items at least half of whose judgments flag both_bad (default keep). */
  bothBad?: "keep" | "drop";
  /** trl and hh: majority (default); reliability, which adds p_chosen to each line; or source, which follows the imported reference label (lib/reference/export-source.ts). */
  consensus?: ConsensusMode;
  /** trl only: one prompt form for every line (default auto). */
  promptFormat?: PromptFormat;
  /** Judgments created at or after this instant. */
  from?: Date;
  /** Judgments created before this instant (half-open range, so days chain without overlap). */
  to?: Date;
  /** raw: each item's reference judgment as one more line, annotator `source:<source>`. */
  includeReference?: boolean;
  /** Only items whose consensus agrees (or disagrees) with their reference label. */
  sourceAgreement?: "agree" | "disagree";
};

export type ExportItem = {
  id: string;
  externalId: string;
  prompt: Prompt;
  responseA: string;
  responseB: string;
  modelA: string | null;
  modelB: string | null;
  metadata: unknown;
  /** An implied pair of a ranking item: the two response indices (a < b), whose texts are responseA and responseB. */
  pair?: [number, number];
};

export type ExportJudgment = {
  id: string;
  itemId: string;
  userId: string;
  /** −S..S in the item's own A/B terms; for an implied pair, the preference its ranking implies. */
  preference: number;
  /** An implied pair: the ranking it was expanded from (tiers best first, item indices). */
  ranking?: Ranking;
  flags: string[];
  rationale: string;
  attributes: unknown;
  guidelinesVersion: number;
  shownSwapped: boolean | null;
  durationMs: number | null;
  /** Judgment.metadata: the integrity signals and flags (docs/formats.md, "Integrity signals"); raw lines only, `{}` when absent. */
  integrity?: unknown;
  /** A Date, or an ISO-8601 UTC string as the streaming reader delivers it. */
  createdAt: Date | string;
};

export type ExportProjectSettings = { scale: number };

/** One item with the judgments that passed the date range, judgments in id order. */
export type ItemGroup = { item: ExportItem; judgments: ExportJudgment[] };
