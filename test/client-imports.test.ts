import fs from "node:fs";
import path from "node:path";
import { builtinModules } from "node:module";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * What the browser bundles: every "use client" module under app/ and
 * components/, and everything it imports at runtime (type-only imports are
 * erased; a "use server" module becomes a reference to the action). None of
 * it may reach a server-only module, and the import form must take the import
 * formats from the same module as the server (lib/validations/import-format.ts).
 */
const root = path.resolve(__dirname, "..");
const rel = (file: string) => path.relative(root, file);

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : walk(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function directive(source: ts.SourceFile): string | null {
  const first = source.statements[0];
  return first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : null;
}

/** Specifiers this module imports or re-exports at runtime. */
function runtimeImports(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const onlyTypes = node.isTypeOnly || (node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${rel(from)}: cannot resolve ${specifier}`);
}

const builtins = new Set(builtinModules);
const SERVER_ONLY_PACKAGES = /^(server-only|next\/headers|pg|@electric-sql\/pglite|pglite-prisma-adapter|@prisma\/.*|next-auth\/next)$/;
const isServerOnlyPackage = (specifier: string) => specifier.startsWith("node:") || builtins.has(specifier) || SERVER_ONLY_PACKAGES.test(specifier);

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    parsed.set(file, source);
  }
  return source;
}

/** Every local module a client entry bundles, each with the chain that brought it in, and the server-only imports reached. */
function bundleOf(entry: string): { modules: Map<string, string[]>; violations: string[] } {
  const modules = new Map<string, string[]>([[entry, [rel(entry)]]]);
  const violations: string[] = [];
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const chain = modules.get(file)!;
    const source = parse(file);
    // An action module reaches the browser as a reference to the server, not as its code.
    if (file !== entry && directive(source) === "use server") continue;
    for (const specifier of runtimeImports(source)) {
      const local = resolveLocal(file, specifier);
      if (!local) {
        if (isServerOnlyPackage(specifier)) violations.push(`${[...chain, specifier].join(" → ")}`);
        continue;
      }
      if (!modules.has(local)) {
        modules.set(local, [...chain, rel(local)]);
        queue.push(local);
      }
    }
  }
  return { modules, violations };
}

const clientEntries = [...walk(path.join(root, "app")), ...walk(path.join(root, "components"))].filter((file) => directive(parse(file)) === "use client");
const importForm = path.join(root, "app/admin/projects/[slug]/import/_components/import-form.tsx");
const formatModule = path.join(root, "lib/validations/import-format.ts");

describe("client bundles", () => {
  it("finds the client components, the import form among them", () => {
    expect(clientEntries.length).toBeGreaterThan(10);
    expect(clientEntries).toContain(importForm);
  });

  it("never import a server-only module (server-only, node:, database drivers) at runtime", () => {
    const violations = clientEntries.flatMap((entry) => bundleOf(entry).violations);
    expect(violations).toEqual([]);
  });

  it("take the import formats from the module the server uses", () => {
    const { modules } = bundleOf(importForm);
    expect([...modules.keys()].map(rel)).toContain(rel(formatModule));
    // The server side: the REST route and the CLI detect formats with the same module, and the query schema lists them from it.
    for (const server of ["app/api/v1/projects/[slug]/items/route.ts", "cli/commands/import-items.ts", "lib/validations/item-import.ts", "lib/import/parse-items.ts"]) {
      const file = path.join(root, server);
      const imports = parse(file).statements.filter(ts.isImportDeclaration).map((d) => resolveLocal(file, (d.moduleSpecifier as ts.StringLiteral).text));
      expect(imports, server).toContain(formatModule);
    }
  });

  it("list the formats and their content types once", () => {
    const sources = ["app", "components", "lib", "cli"].flatMap((dir) => walk(path.join(root, dir)));
    const declaring = sources.filter((file) => /["']jsonl["']\s*,\s*["']json["']\s*,\s*["']csv["']|["']application\/x-ndjson["']\s*:\s*["']jsonl["']|jsonl:\s*["']application\/x-ndjson["']/.test(fs.readFileSync(file, "utf8")));
    expect(declaring.map(rel)).toEqual([rel(formatModule)]);
  });
});
