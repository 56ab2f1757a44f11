import { choiceOf, type Choice } from "@/lib/scale/preference-scale";
import type { ExportItem, ExportJudgment, ExportProjectSettings, Prompt } from "./types";

/** One judgment, docs/formats.md, "raw". Keys are declared in the contract's order. */
export type RawLine = {
  item_id: string;
  /** An implied pair of a ranking item only: the two response indices (a < b) that response_a and response_b are. */
  pair?: [number, number];
  annotator: string;
  preference: number;
  choice: Choice;
  strength: number;
  scale: number;
  rationale: string;
  attributes: unknown;
  flags: string[];
  shown_swapped: boolean | null;
  duration_ms: number | null;
  guidelines_version: number;
  created_at: string;
  integrity: unknown;
  /** An implied pair only: the annotator's whole ranking it comes from (tiers best first, item indices). */
  ranking?: number[][];
  prompt: Prompt;
  response_a: string;
  response_b: string;
  model_a: string | null;
  model_b: string | null;
  metadata: unknown;
};

function isoOf(value: Date | string): string {
  return typeof value === "string" ? value : value.toISOString();
}

/** The judgment's own fields: everything before `prompt`. */
function judgmentPart(j: ExportJudgment, item: ExportItem, project: ExportProjectSettings, annotator: string) {
  return {
    item_id: item.externalId,
    ...(item.pair ? { pair: item.pair } : {}),
    annotator,
    preference: j.preference,
    choice: choiceOf(j.preference),
    strength: Math.abs(j.preference),
    scale: project.scale,
    rationale: j.rationale,
    attributes: j.attributes ?? {},
    flags: j.flags ?? [],
    shown_swapped: j.shownSwapped,
    duration_ms: j.durationMs,
    guidelines_version: j.guidelinesVersion,
    created_at: isoOf(j.createdAt),
    integrity: j.integrity ?? {},
    ...(j.ranking ? { ranking: j.ranking } : {}),
  };
}

/** The item's fields, which close every raw line. */
function itemPart(item: ExportItem) {
  return {
    prompt: item.prompt,
    response_a: item.responseA,
    response_b: item.responseB,
    model_a: item.modelA,
    model_b: item.modelB,
    metadata: item.metadata ?? {},
  };
}

export function rawLine(j: ExportJudgment, item: ExportItem, project: ExportProjectSettings, annotator: string): RawLine {
  return { ...judgmentPart(j, item, project, annotator), ...itemPart(item) };
}

/**
 * An item whose closing fields are already JSON text. The streaming export
 * gets them from PostgreSQL (see read-item-groups.ts); encodeItem makes them
 * in Node.
 */
export type EncodedItem = {
  externalId: string;
  /** An implied pair of a ranking item (see ExportItem.pair). */
  pair?: [number, number];
  prompt: string;
  responseA: string;
  responseB: string;
  modelA: string;
  modelB: string;
  metadata: string;
};

export function encodeItem(item: ExportItem): EncodedItem {
  const part = itemPart(item);
  return {
    externalId: item.externalId,
    ...(item.pair ? { pair: item.pair } : {}),
    prompt: JSON.stringify(part.prompt),
    responseA: JSON.stringify(part.response_a),
    responseB: JSON.stringify(part.response_b),
    modelA: JSON.stringify(part.model_a),
    modelB: JSON.stringify(part.model_b),
    metadata: JSON.stringify(part.metadata),
  };
}

/**
 * A serializer for the judgments of one item, for the export's hot loop: the
 * item's long texts are pasted in as JSON text made once per item, and the
 * judgment's fields are written without building an object. Gives exactly
 * `JSON.stringify(rawLine(…)) + "\n"` (tested byte for byte), which is what
 * keeps the two in step.
 */
export function rawLineWriter(item: EncodedItem, project: ExportProjectSettings): (j: ExportJudgment, annotator: string) => string {
  const head = '{"item_id":' + JSON.stringify(item.externalId) + (item.pair ? ',"pair":' + JSON.stringify(item.pair) : "") + ',"annotator":';
  const scale = ',"scale":' + JSON.stringify(project.scale) + ',"rationale":';
  const tail =
    ',"prompt":' + item.prompt + ',"response_a":' + item.responseA + ',"response_b":' + item.responseB +
    ',"model_a":' + item.modelA + ',"model_b":' + item.modelB + ',"metadata":' + item.metadata + "}\n";
  return (j, annotator) => {
    const p = j.preference;
    const attributes = j.attributes ?? {};
    return (
      head + JSON.stringify(annotator) +
      ',"preference":' + JSON.stringify(p) +
      (p < 0 ? ',"choice":"A","strength":' : p > 0 ? ',"choice":"B","strength":' : ',"choice":"tie","strength":') + JSON.stringify(Math.abs(p)) +
      scale + JSON.stringify(j.rationale) +
      ',"attributes":' + (isEmptyObject(attributes) ? "{}" : JSON.stringify(attributes)) +
      ',"flags":' + (j.flags && j.flags.length > 0 ? JSON.stringify(j.flags) : "[]") +
      ',"shown_swapped":' + JSON.stringify(j.shownSwapped) +
      ',"duration_ms":' + JSON.stringify(j.durationMs) +
      ',"guidelines_version":' + JSON.stringify(j.guidelinesVersion) +
      ',"created_at":' + JSON.stringify(isoOf(j.createdAt)) +
      ',"integrity":' + JSON.stringify(j.integrity ?? {}) +
      (j.ranking ? ',"ranking":' + JSON.stringify(j.ranking) : "") +
      tail
    );
  };
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const _ in value) return false;
  return true;
}
