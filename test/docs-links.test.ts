import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The repo explains itself (docs/formats.md, docs/architecture.md), and the
 * pointers to those docs stay true: no tracked file points at a document
 * that is not in the repo, every quoted section named beside a docs path is
 * a heading of that doc, and every link or repo path in README.md and docs/
 * names a file that exists.
 */
const root = path.resolve(__dirname, "..");
const DOCS = ["docs/formats.md", "docs/architecture.md"] as const;
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|prisma|sql|css|yml|yaml|sh|txt)$|^\.ci\/run$/;
// This file names the forbidden spellings on purpose.
const SELF = "test/docs-links.test.ts";

function trackedFiles(): string[] {
  let listed: string[];
  try {
    listed = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\0");
  } catch {
    listed = walk("");
  }
  return listed.filter((file) => file && TEXT.test(file) && !/(^|\/)(node_modules|\.next|generated)\//.test(file) && file !== SELF && fs.existsSync(path.join(root, file)));
}

/** Without git (a source tarball): every file under the root but dependencies, builds and data. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!["node_modules", ".next", ".git", "data", "generated", "test-results", "playwright-report"].includes(entry.name)) out.push(...walk(rel));
    } else out.push(rel);
  }
  return out;
}

const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/**
 * Mentions of a document that is not in the repo: any `design.md`, and any
 * `formats.md` that is not `docs/formats.md` (inside docs/, a link to a
 * sibling, `(formats.md…` or `./formats.md`, is the proper relative form).
 */
export function strayDocMentions(file: string, text: string): string[] {
  const found: string[] = [];
  const inDocs = file.startsWith("docs/");
  text.split("\n").forEach((line, index) => {
    for (const match of line.matchAll(/[\w./-]*\b(design|formats)\.md\b/g)) {
      const [whole, name] = match;
      const before = line[match.index - 1];
      const proper = name === "formats" && (whole === "docs/formats.md" || (inDocs && (whole === "formats.md" || whole === "./formats.md") && before === "("));
      if (!proper) found.push(`${file}:${index + 1}: ${line.trim().slice(0, 160)}`);
    }
  });
  return found;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function headingsOf(doc: string): string[] {
  return read(doc)
    .split("\n")
    .filter((line) => /^#{1,4} /.test(line))
    .map((line) => line.replace(/^#+ /, "").trim());
}

/** Section names quoted beside a docs path: `docs/formats.md, "Import: items"` or `docs/formats.md ("Preference")`. */
export function quotedSections(text: string): { doc: string; section: string }[] {
  return [...text.matchAll(/\b(docs\/(?:formats|architecture)\.md)(?:,\s*|\s*\(\s*)["“]([^"”\n]+)["”]/g)].map((m) => ({ doc: m[1]!, section: m[2]! }));
}

const isSection = (headings: string[], section: string) => headings.some((h) => h === section || h.startsWith(`${section} `));

/** Markdown links and repo paths in code spans (outside fenced blocks) of a README or doc. */
export function repoReferences(file: string, text: string): { target: string; anchor?: string }[] {
  const refs: { target: string; anchor?: string }[] = [];
  const dir = path.posix.dirname(file);
  const prose = text.replace(/^```[\s\S]*?^```/gm, "");
  for (const [, href] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^(https?:|mailto:)/i.test(href!)) continue;
    const [target, anchor] = href!.split("#");
    refs.push({ target: target ? path.posix.normalize(path.posix.join(dir, target)) : file, anchor });
  }
  for (const [, span] of prose.matchAll(/`([^`\s]+)`/g)) {
    if (/^(app|lib|cli|components|prisma|scripts|test|e2e|bench|docs|patches|\.ci)\/[\w./[\]()-]*$/.test(span!) && !/[*…]/.test(span!)) {
      refs.push({ target: span!.replace(/\/$/, "") });
    }
  }
  return refs;
}

describe("docs in the repo", () => {
  const files = trackedFiles();

  it("sees the repository's files", () => {
    expect(files).toContain("README.md");
    expect(files.some((f) => f.startsWith("lib/"))).toBe(true);
    for (const doc of DOCS) expect(fs.existsSync(path.join(root, doc)), doc).toBe(true);
  });

  it("no file points at a formats.md or design.md outside docs/", () => {
    const stray = files.flatMap((file) => strayDocMentions(file, read(file)));
    expect(stray, "point these at docs/formats.md or docs/architecture.md").toEqual([]);
  });

  it("every section quoted beside a docs path is a heading of that doc", () => {
    const headings = Object.fromEntries(DOCS.map((doc) => [doc, headingsOf(doc)]));
    const quoted = files.flatMap((file) => quotedSections(read(file)).map((q) => ({ ...q, file })));
    expect(quoted.length, "the code names sections of the docs").toBeGreaterThan(20);
    const missing = quoted
      .filter(({ doc, section }) => !isSection(headings[doc] ?? [], section))
      .map(({ file, doc, section }) => `${file}: ${doc} has no section "${section}"`);
    expect(missing).toEqual([]);
  });

  it("every link and repo path in README.md and docs/ exists, anchors included", () => {
    const mdFiles = files.filter((f) => f === "README.md" || (f.startsWith("docs/") && f.endsWith(".md")));
    const broken: string[] = [];
    const refs = mdFiles.flatMap((file) => repoReferences(file, read(file)).map((ref) => ({ ...ref, file })));
    expect(refs.length, "README.md and docs/ link to the code").toBeGreaterThan(50);
    for (const { file, target, anchor } of refs) {
      if (!fs.existsSync(path.join(root, target))) broken.push(`${file}: ${target} does not exist`);
      else if (anchor && target.endsWith(".md") && !headingsOf(target).map(anchorOf).includes(anchor)) broken.push(`${file}: ${target} has no #${anchor}`);
    }
    expect(broken).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("flag stray mentions and accept the proper ones", () => {
    expect(strayDocMentions("lib/x.ts", "// see formats.md and ../shared/design.md")).toHaveLength(2);
    expect(strayDocMentions("lib/x.ts", "// see docs/formats.md (\"Preference\")")).toEqual([]);
    expect(strayDocMentions("lib/x.ts", "// see docs/design.md")).toHaveLength(1);
    expect(strayDocMentions("docs/architecture.md", "are in [formats.md](formats.md).")).toHaveLength(1);
    expect(strayDocMentions("docs/architecture.md", "are in [the formats](formats.md).")).toEqual([]);
  });

  it("find quoted sections, links and repo paths", () => {
    expect(quotedSections('x (docs/formats.md, "Import: items") y docs/architecture.md ("Counters")')).toEqual([
      { doc: "docs/formats.md", section: "Import: items" },
      { doc: "docs/architecture.md", section: "Counters" },
    ]);
    expect(repoReferences("docs/a.md", "[x](../lib/db.ts) [y](formats.md#preference) [z](https://e.org) `lib/db/` `bench/results/*.json`\n```\n[q](nope.md)\n```")).toEqual([
      { target: "lib/db.ts", anchor: undefined },
      { target: "docs/formats.md", anchor: "preference" },
      { target: "lib/db" },
    ]);
    expect(anchorOf("raw — one line per judgment")).toBe("raw--one-line-per-judgment");
    expect(anchorOf("Import: items")).toBe("import-items");
  });
});
