import fs from "node:fs";
import path from "node:path";

/**
 * Every method of every route.ts under app/api/v1, as "GET /projects/{slug}".
 * The authorization matrix and the OpenAPI document are checked against this
 * list, so a new route cannot go untested or undocumented.
 */
export async function listApiRoutes(): Promise<string[]> {
  const root = path.resolve(__dirname, "../app/api/v1");
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === "route.ts") {
        const routePath = `/${path.relative(root, dir).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
        const handlers = (await import(full)) as Record<string, unknown>;
        for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (handlers[method]) found.push(`${method} ${routePath}`);
      }
    }
  };
  await walk(root);
  return found;
}
