import { z } from "zod";

/**
 * Form errors in words, next to their fields: the one place a zod error
 * becomes `{ field: message }` for a form (safeAction answers it as
 * `fields`; components/ui/form-field.tsx shows it). A field is named by its
 * path without the action's wrapper key (`values.slug` → `slug`,
 * `attributes.0.key` stays). Messages the schema wrote itself ("use
 * lowercase letters, digits and -") are kept, capitalised; zod's own
 * defaults ("Too big: expected number to be <=1") are put in words with the
 * field's label and, for numbers, its whole range from the schema
 * ("Overlap must be between 1 and 50").
 */
export type FieldErrors = Record<string, string>;

/** Labels where the field's name does not read well on its own. */
const LABELS: Record<string, string> = {
  slug: "Slug",
  lease_minutes: "Lease (minutes)",
  min_agreement: "Minimum agreement",
  min_judgments: "Minimum judgments",
  max_uses: "Uses",
  expires_in_days: "Expiry (days)",
  allow_tie: "Ties allowed",
  require_rationale: "Rationale required",
  overlap_min: "Minimum overlap k",
  overlap_max: "Maximum overlap K",
  stop_share: "Stop share",
  stop_on: "Stop on",
};

/** "lease_minutes" → "Lease minutes", unless LABELS names it. */
export function fieldLabel(name: string): string {
  const known = LABELS[name];
  if (known) return known;
  const words = name.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Issue = z.core.$ZodIssue;
type JsonNode = { type?: string | string[]; minimum?: number; maximum?: number; properties?: Record<string, JsonNode>; items?: JsonNode; anyOf?: JsonNode[] };

/** zod's own default messages, as opposed to the words a schema gives. */
const ZOD_DEFAULT = /^(Too (big|small)|Invalid (input|option|string|number|type|format|element|key|union|value)|Unrecognized key)/;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The JSON-schema node at a path (objects and arrays), for a number's range. */
function nodeAt(root: JsonNode | undefined, path: PropertyKey[]): JsonNode | undefined {
  let node = root;
  for (const key of path) {
    if (!node) return undefined;
    const branch: JsonNode | undefined = node.anyOf?.find((n) => n.properties || n.items) ?? node;
    node = typeof key === "number" ? branch.items : branch.properties?.[String(key)];
  }
  return node;
}

function inWords(issue: Issue, label: string, node: JsonNode | undefined): string {
  if (!ZOD_DEFAULT.test(issue.message)) return capitalise(issue.message);
  const range = node && node.minimum !== undefined && node.maximum !== undefined ? `between ${node.minimum} and ${node.maximum}` : undefined;
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? `Enter ${label.toLowerCase()}` : `${label} needs at least ${issue.minimum} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `${label} needs at least ${issue.minimum}`;
      return `${label} must be ${range ?? `at least ${issue.minimum}`}`;
    case "too_big":
      if (issue.origin === "string") return `${label} can have at most ${issue.maximum} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `${label} can have at most ${issue.maximum}`;
      return `${label} must be ${range ?? `at most ${issue.maximum}`}`;
    case "invalid_type":
      if (issue.expected === "number" || issue.expected === "int") return `${label} must be a number${range ? ` ${range}` : ""}`;
      return `${label} is missing or not ${issue.expected === "string" ? "text" : `a ${issue.expected}`}`;
    case "invalid_value":
      return `${label} must be one of: ${issue.values.map(String).join(", ")}`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    default:
      return `${label} is not valid`;
  }
}

/**
 * `{ field: message }` for a failed parse, first issue per field. `wrapper`
 * names path segments to leave out of field names (an action's `values`).
 */
export function fieldErrorsOf(schema: z.ZodType | undefined, issues: readonly Issue[], wrapper: readonly string[] = ["values"]): FieldErrors {
  let json: JsonNode | undefined;
  try {
    json = schema ? (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonNode) : undefined;
  } catch {
    json = undefined;
  }
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.filter((key, i) => !(i === 0 && typeof key === "string" && wrapper.includes(key)));
    const name = path.map(String).join(".") || "form";
    if (errors[name]) continue;
    const last = [...path].reverse().find((key) => typeof key === "string");
    errors[name] = inWords(issue, fieldLabel(last === undefined ? "value" : String(last)), nodeAt(json, issue.path));
  }
  return errors;
}

/** How a field is named in a sentence: "Slug", "Key (attribute 1)". */
export function fieldNameInWords(name: string): string {
  const parts = name.split(".");
  const last = [...parts].reverse().find((part) => !/^\d+$/.test(part)) ?? name;
  const index = parts.find((part) => /^\d+$/.test(part));
  const owner = index !== undefined ? parts[parts.indexOf(index) - 1] : undefined;
  if (index === undefined) return fieldLabel(last);
  const row = `${(owner ?? "row").replace(/s$/, "")} ${Number(index) + 1}`;
  return last === owner ? capitalise(row) : `${fieldLabel(last)} (${row})`;
}

/** The errors as one sentence, for the summary above the button: "Check these 2 fields: Slug: Use…; Overlap must be…". */
export function summariseFieldErrors(errors: FieldErrors): string {
  const entries = Object.entries(errors);
  if (entries.length === 0) return "";
  const one = ([name, message]: [string, string]) => {
    const label = fieldNameInWords(name);
    return message.startsWith(label) ? message : `${label}: ${message}`;
  };
  return `Check ${entries.length === 1 ? "this field" : `these ${entries.length} fields`}: ${entries.map(one).join("; ")}.`;
}
