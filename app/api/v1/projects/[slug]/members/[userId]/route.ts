import { apiRoute } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { removeMember } from "@/lib/members/remove-member";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; userId: string }> };

/** Remove a member; their judgments stay, their open leases return to the pool. */
export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const { slug, userId } = await params;
  const actor = await actorFromRequest(request);
  const result = await removeMember({ actor, slug, userId });
  return Response.json({ removed: userId, ...result });
});
