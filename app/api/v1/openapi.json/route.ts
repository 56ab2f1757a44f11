import { apiRoute } from "@/lib/http/api-route";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

export const dynamic = "force-dynamic";

/**
 * The API's OpenAPI 3.1 document. Public on purpose: it describes the API,
 * holds no data, and client generators fetch it without a token.
 */
export const GET = apiRoute(async (request: Request) => {
  const origin = new URL(request.url).origin;
  return Response.json(buildOpenApiDocument({ serverUrl: origin }), { headers: { "Cache-Control": "public, max-age=300" } });
});
