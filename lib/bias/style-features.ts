/**
 * Style features of one response, counted from its raw text by the simple
 * rules below (docs/formats.md, "Bias diagnostics"). One pass over the lines;
 * lines inside a fenced code block count only towards words.
 *
 * - words: maximal runs of non-whitespace characters;
 * - headers: lines starting with up to 3 spaces, then 1–6 `#` and a space or the line's end;
 * - list_items: lines starting with optional indentation, then `-`, `*`, `+` or a number followed by `.` or `)`, then whitespace and some text;
 * - bold: `**text**` or `__text__` spans on one line, the text not starting or ending with a space;
 * - code_blocks: opening fences (a line starting with up to 3 spaces then ``` or ~~~); an unclosed fence still counts.
 */
export type StyleFeatures = { words: number; headers: number; list_items: number; bold: number; code_blocks: number };

export const STYLE_FEATURES = ["words", "headers", "list_items", "bold", "code_blocks"] as const;
export type StyleFeature = (typeof STYLE_FEATURES)[number];

const HEADER = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S/;
const BOLD = /(\*\*|__)(?=\S)(?:.*?\S)?\1/g;
const FENCE = /^ {0,3}(```|~~~)/;
const WORD = /\S+/g;

export function styleFeatures(text: string): StyleFeatures {
  const out: StyleFeatures = { words: 0, headers: 0, list_items: 0, bold: 0, code_blocks: 0 };
  if (typeof text !== "string" || text.length === 0) return out;
  out.words = text.match(WORD)?.length ?? 0;
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1] === fence) fence = null;
      continue;
    }
    if (f) {
      fence = f[1]!;
      out.code_blocks++;
      continue;
    }
    if (HEADER.test(line)) out.headers++;
    else if (LIST_ITEM.test(line)) out.list_items++;
    out.bold += line.match(BOLD)?.length ?? 0;
  }
  return out;
}
