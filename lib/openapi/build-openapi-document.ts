import { z } from "zod";
import packageJson from "@/package.json";
import { createProjectInput, updateProjectInput, addMemberInput } from "@/lib/validations/project";
import { memberJson, projectJson, projectSummaryJson, projectStatsJson } from "@/lib/validations/project-response";
import { itemImportRow } from "@/lib/validations/item";
import { importReportJson } from "@/lib/validations/item-import";
import { submitJudgmentBody, skipItemInput } from "@/lib/validations/judgment";
import { errorResponseJson } from "@/lib/validations/error-response";
import { apiOperations, type ApiOperation } from "./operations";

type JsonSchema = Record<string, unknown>;

/** Schemas worth a name in components.schemas; everything else is inlined. */
const named: [string, z.ZodType, "input" | "output"][] = [
  ["Error", errorResponseJson, "output"],
  ["Project", projectJson, "output"],
  ["ProjectSummary", projectSummaryJson, "output"],
  ["ProjectStats", projectStatsJson, "output"],
  ["Member", memberJson, "output"],
  ["ImportReport", importReportJson, "output"],
  ["CreateProject", createProjectInput, "input"],
  ["UpdateProject", updateProjectInput, "input"],
  ["AddMember", addMemberInput, "input"],
  ["ImportItem", itemImportRow, "input"],
  ["SubmitJudgment", submitJudgmentBody, "input"],
  ["SkipItem", skipItemInput, "input"],
];

const errorNames: Record<number, string> = {
  400: "Bad request: a malformed body or query parameter",
  401: "No valid token: send `Authorization: Bearer <token>`",
  403: "Not allowed for this user",
  404: "No such project, item or user",
  409: "Conflicts with the current state",
  413: "The body is too large",
  422: "The body is well-formed but a field is invalid",
  503: "The database is unreachable; retry",
};

/**
 * Requests are described by what clients send (defaults optional), answers by
 * what they get. Answers may gain fields (docs/formats.md: add, never rename), so
 * they do not forbid extra properties; `format: date-time` says enough
 * without zod's long ISO regex.
 */
function convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
      if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  }) as JsonSchema;
  return json;
}

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const ref = named.find(([, candidate]) => candidate === schema);
  return ref ? { $ref: `#/components/schemas/${ref[0]}` } : convert(schema, io);
}

function parametersOf(operation: ApiOperation): JsonSchema[] {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (!operation.query) return path;
  const query = toSchema(operation.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const fields = Object.entries(query.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: "query", required: query.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
  return [...path, ...fields];
}

function operationOf(operation: ApiOperation): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const media = response.mediaType ?? "application/json";
    responses[status] = {
      description: response.description,
      ...(response.schema || response.mediaType ? { content: { [media]: response.schema ? { schema: toSchema(response.schema, "output") } : {} } } : {}),
    };
  }
  const errors = [...operation.errors, ...(operation.public ? [] : [401]), 503].filter((status) => !(status in responses));
  for (const status of errors.sort()) responses[String(status)] = { $ref: `#/components/responses/E${status}` };
  const body = operation.body;
  return {
    tags: [operation.tag],
    summary: operation.summary,
    operationId: `${operation.method}${operation.path.replace(/\{(\w)(\w*)\}/g, (_m, a: string, b: string) => `By${a.toUpperCase()}${b}`).replace(/[^A-Za-z]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
    ...(operation.public ? { security: [] } : {}),
    parameters: parametersOf(operation),
    ...(body
      ? {
          requestBody: {
            required: true,
            ...(body.description ? { description: body.description } : {}),
            content: Object.fromEntries(
              Object.entries(body.mediaTypes ?? { "application/json": "item" }).map(([media, shape]) => {
                const item = toSchema(body.schema, "input");
                const schema = shape === "array" ? { type: "array", items: item } : shape === "text" ? { type: "string", description: "CSV with a header row naming the same fields." } : item;
                return [media, { schema }];
              }),
            ),
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes use. */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of apiOperations) (paths[operation.path] ??= {})[operation.method] = operationOf(operation);
  const schemas = Object.fromEntries(
    named.map(([name, schema, io]) => [name, convert(schema, io)]),
  );
  const responses = Object.fromEntries(
    Object.entries(errorNames).map(([status, description]) => [
      `E${status}`,
      { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Pairwise REST API",
      version: packageJson.version,
      description:
        "Pairwise collects pairwise human preference data. Authenticate with `Authorization: Bearer <token>` (create a token on the Tokens page); a token acts with its owner's role and memberships. Lists are cursor-paginated: pass `next_cursor` back as `?cursor=`. Errors are `{\"error\": {\"code\", \"message\"}}`.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: `${options.serverUrl ?? ""}/api/v1` }],
    security: [{ bearerAuth: [] }],
    tags: ["projects", "items", "members", "annotate", "export", "meta"].map((name) => ({ name })),
    paths,
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A Pairwise API token (pw_…)." } }, schemas, responses },
  };
}
