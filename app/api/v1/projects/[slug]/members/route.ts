import { projectRoute } from "@/lib/http/project-route";
import { addMember } from "@/lib/members/add-member";
import { listMembers } from "@/lib/members/list-members";
import { addMemberInput } from "@/lib/validations/project";
import { listMembersQuery } from "@/lib/validations/member-list";

export const dynamic = "force-dynamic";

/** Add an existing user (201), or change a member's role (200). */
export const POST = projectRoute({ access: "lead", body: addMemberInput }, async ({ actor, project, body }) => {
  const { member, created } = await addMember({ actor, slug: project.slug, input: body });
  return Response.json({ member }, { status: created ? 201 : 200 });
});

/** The members with their judgment counts, one page (leads of the project and admins); the counts are as of `counts_as_of`. */
export const GET = projectRoute({ access: "lead", query: listMembersQuery }, async ({ actor, project, query }) => {
  const page = await listMembers({ actor, slug: project.slug, cursor: query.cursor, limit: query.limit });
  return Response.json({ members: page.members, next_cursor: page.nextCursor, counts_as_of: page.work.asOf?.toISOString() ?? null });
});
