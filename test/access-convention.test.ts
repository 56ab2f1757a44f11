import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The access convention of lib/permissions.ts, checked: every exported
 * function of lib/ that takes a projectId (as a parameter, or as a property
 * of a parameter) trusts its caller, so its JSDoc must say so with
 * `@internal caller has checked access`. An entry point takes `{ actor, slug }`
 * and checks access itself.
 */
const TAG = "@internal caller has checked access";
const root = path.resolve(__dirname, "..");

function libFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : libFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !/test-fixtures\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Exported functions (declarations and `export const f = (…) =>`) with their JSDoc holder. */
function exportedFunctions(source: ts.SourceFile): { name: string; fn: ts.SignatureDeclaration; docHolder: ts.Node }[] {
  const found: { name: string; fn: ts.SignatureDeclaration; docHolder: ts.Node }[] = [];
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && exported(statement)) found.push({ name: statement.name.text, fn: statement, docHolder: statement });
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && ts.isIdentifier(decl.name)) found.push({ name: decl.name.text, fn: init, docHolder: statement });
      }
    }
  }
  return found;
}

function violations(files: string[]): string[] {
  const program = ts.createProgram(files, { strict: true, noEmit: true, baseUrl: root, paths: { "@/*": ["./*"] }, jsx: ts.JsxEmit.Preserve, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const out: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    for (const { name, fn, docHolder } of exportedFunctions(source)) {
      const takesProjectId = fn.parameters.some((param) => {
        if (ts.isIdentifier(param.name) && param.name.text === "projectId") return true;
        const type = checker.getTypeAtLocation(param);
        return [type, ...(type.isUnion() ? type.types : [])].some((t) => t.getProperty("projectId") !== undefined);
      });
      const docs = ts.getJSDocCommentsAndTags(docHolder).map((doc) => doc.getText()).join("\n");
      if (takesProjectId && !docs.includes(TAG)) out.push(`${path.relative(root, file)}: ${name}`);
    }
  }
  return out.sort();
}

describe("the access convention (lib/permissions.ts)", () => {
  it("marks every exported lib function that takes a projectId as internal", () => {
    expect(violations(libFiles(path.join(root, "lib")))).toEqual([]);
  }, 120_000);

  it("catches an untagged function that takes a projectId, directly or in its options", () => {
    const dir = fs.mkdtempSync(path.join(root, "test", ".convention-"));
    try {
      const file = path.join(dir, "sample.ts");
      fs.writeFileSync(
        file,
        [
          "type Options = { projectId: string; limit: number };",
          "export function direct(projectId: string) { return projectId; }",
          "export const viaOptions = (options: Options) => options.limit;",
          "/** Fine.\n * @internal caller has checked access\n */",
          "export function tagged(projectId: string) { return projectId; }",
          "export function entry(options: { actor: unknown; slug: string }) { return options.slug; }",
        ].join("\n"),
      );
      expect(violations([file]).map((v) => v.split(": ")[1])).toEqual(["direct", "viaOptions"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
