import { describe, expect, it } from "vitest";
import { listApiRoutes } from "@/test/api-routes";
import { buildOpenApiDocument } from "./build-openapi-document";

type Doc = {
  openapi: string;
  security: unknown;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: { content: Record<string, { schema: unknown }> }; parameters: { name: string; in: string; required: boolean; schema: unknown }[]; security?: unknown[]; operationId: string }>>;
  components: { schemas: Record<string, Record<string, unknown>>; responses: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const doc = buildOpenApiDocument({ serverUrl: "http://localhost:3000" }) as unknown as Doc;

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((entry) => refsIn(entry, found));
  else if (value && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) {
      if (key === "$ref" && typeof entry === "string") found.push(entry);
      else refsIn(entry, found);
    }
  }
  return found;
}

describe("buildOpenApiDocument", () => {
  it("is OpenAPI 3.1 with bearer auth on by default and a public document route", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/openapi.json"]!.get!.security).toEqual([]);
  });

  it("documents every method of every route.ts under app/api/v1, and nothing else", async () => {
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = await listApiRoutes();
    expect(routes.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !routes.includes(route))).toEqual([]);
    const operationIds = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it("resolves every $ref, and every error answer is the error schema", () => {
    for (const ref of refsIn(doc)) {
      const [, , section, name] = ref.split("/");
      expect((doc.components as Record<string, Record<string, unknown>>)[section!]?.[name!], ref).toBeDefined();
    }
    expect(doc.components.schemas.Error).toMatchObject({ properties: { error: { required: ["code", "message"] } } });
    expect(doc.paths["/projects"]!.get!.responses["401"]).toEqual({ $ref: "#/components/responses/E401" });
  });

  it("takes request schemas from the zod schemas the routes parse", () => {
    const create = doc.components.schemas.CreateProject!;
    expect(create).toMatchObject({ required: ["slug", "name"], additionalProperties: false });
    expect((create.properties as Record<string, unknown>).scale).toEqual({ default: 3, type: "integer", minimum: 1, maximum: 5 });
    expect(doc.paths["/projects"]!.post!.requestBody!.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/CreateProject" });
    const importBody = doc.paths["/projects/{slug}/items"]!.post!.requestBody!.content;
    expect(Object.keys(importBody)).toEqual(["application/x-ndjson", "application/json", "text/csv"]);
    const params = doc.paths["/projects/{slug}/items"]!.get!.parameters;
    expect(params.map((p) => `${p.in}:${p.name}`)).toEqual(["path:slug", "query:cursor", "query:limit", "query:search", "query:min_judgments", "query:max_judgments", "query:gold", "query:model", "query:skipped", "query:state"]);
  });

  it("shows the 204 of next and the statuses of judgments", () => {
    const next = doc.paths["/projects/{slug}/next"]!.get!.responses;
    expect(next["204"]).toEqual({ description: "Nothing left for you in this project" });
    expect(Object.keys(next)).toEqual(expect.arrayContaining(["200", "204", "401", "403", "404", "409"]));
    expect(Object.keys(doc.paths["/projects/{slug}/judgments"]!.post!.responses)).toEqual(expect.arrayContaining(["200", "201", "409", "422"]));
  });

  it("describes the export's prompt_format, both_bad and card_for options", () => {
    const params = doc.paths["/projects/{slug}/export"]!.get!.parameters as { name: string; description?: string; schema: { enum?: string[] } }[];
    const byName = (name: string) => params.find((p) => p.name === name);
    expect(byName("prompt_format")).toMatchObject({ schema: { enum: ["auto", "text", "chat"] }, description: expect.stringContaining("auto") });
    expect(byName("both_bad")).toMatchObject({ schema: { enum: ["keep", "drop"] }, description: expect.stringContaining("default keep") });
    expect(byName("card_for")).toMatchObject({ schema: { enum: ["raw", "trl", "hh"] } });
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
