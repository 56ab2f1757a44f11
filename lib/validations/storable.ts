/** Checks shared by every import schema (items, judgments); no Node imports, so forms can use them. */

// PostgreSQL text and jsonb reject NUL characters and lone UTF-16 surrogates;
// catching them here turns a failed batch INSERT into a precise line error.
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** "a number", "an array", "null": for messages that say what was found. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

// jsonb also rejects NUL and lone surrogates inside keys and values.
export function isStorableJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return isStorableText(value);
  if (Array.isArray(value)) return value.every((entry) => isStorableJson(entry, depth + 1));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).every(([key, entry]) => isStorableText(key) && isStorableJson(entry, depth + 1));
  }
  return true;
}

export const NOT_STORABLE = "contains a NUL character or broken Unicode";
