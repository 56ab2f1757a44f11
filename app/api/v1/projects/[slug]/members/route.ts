import { projectRoute } from "@/lib/http/project-route";
import { addMember } from "@/lib/members/add-member";
import { listMembers } from "@/lib/members/list-members";
import { addMemberInput } from "@/lib/validations/project";

export const dynamic = "force-dynamic";

/** Add an existing user (201), or change a member's role (200). */
export const POST = projectRoute({ access: "lead", body: addMemberInput }, async ({ actor, project, body }) => {
  const { member, created } = await addMember({ actor, slug: project.slug, input: body });
  return Response.json({ member }, { status: created ? 201 : 200 });
});

/** The members with their judgment counts (leads of the project and admins). */
export const GET = projectRoute({ access: "lead" }, async ({ actor, project }) =>
  Response.json({ members: await listMembers({ actor, slug: project.slug }) }),
);
