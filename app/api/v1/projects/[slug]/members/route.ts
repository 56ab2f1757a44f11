import { apiRoute, readJson } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { addMember } from "@/lib/members/add-member";
import { listMembers } from "@/lib/members/list-members";
import { addMemberInput } from "@/lib/validations/project";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** Add an existing user (201), or change a member's role (200). */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  // Refused callers are told so before their body is read (addMember checks again).
  await getProjectForActor({ actor, slug, access: "lead" });
  const input = await readJson(request, addMemberInput);
  const { member, created } = await addMember({ actor, slug, input });
  return Response.json({ member }, { status: created ? 201 : 200 });
});

/** The members with their judgment counts (leads of the project and admins). */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  return Response.json({ members: await listMembers({ actor, slug }) });
});
