import { projectRoute } from "@/lib/http/project-route";
import { removeMember } from "@/lib/members/remove-member";

export const dynamic = "force-dynamic";

/** Remove a member; their judgments stay, their open leases return to the pool. */
export const DELETE = projectRoute({ access: "lead", params: ["userId"] }, async ({ actor, project, params: { userId } }) => {
  const result = await removeMember({ actor, slug: project.slug, userId });
  return Response.json({ removed: userId, ...result });
});
