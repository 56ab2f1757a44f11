import "server-only";
import { initialQualityStatus } from "@/lib/quality/quality-rules";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getProjectForActor, isAdmin, type Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/judgments/is-unique-violation";
import { parseProjectInput } from "@/lib/projects/parse-project-input";
import { addMemberInput, type AddMemberInput } from "@/lib/validations/project";
import type { MemberJson } from "@/lib/validations/project-response";
import { assertAnotherLead } from "./assert-another-lead";
import { readMembers } from "./read-members";

/**
 * Adds an existing user to a project (admins), or changes the role of one
 * who is already a member (leads of the project and admins). Leads bring
 * people in through invite links, so this answers a lead alike for an
 * unknown email and an account that is no member (issue 8, enumeration).
 * `created` says which happened.
 */
export async function addMember(options: { actor: Actor; slug: string; input: AddMemberInput }): Promise<{ member: MemberJson; created: boolean }> {
  const { actor } = options;
  const project = await getProjectForActor({ actor, slug: options.slug, access: "lead" });
  const input = parseProjectInput(addMemberInput, options.input);
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, role: true, external: true, memberships: { where: { projectId: project.id }, select: { id: true } } },
  });
  // A lead changes the roles of the project's members but adds nobody by email: whether an
  // address has an account is an admin's to know, so an unknown email and a non-member's get one answer.
  if (!isAdmin(actor) && !user?.memberships.length) {
    throw new AppError("forbidden", "A lead adds people with an invite link (Members page); only an admin can add an account by email.");
  }
  if (!user || user.external) {
    throw new AppError("not_found", `No user with the email ${input.email}. Send them an invite link instead; they create their account when they join.`);
  }
  // A project LEAD membership gives lead rights only to lead or admin accounts (lib/permissions.ts).
  if (input.role === "LEAD" && user.role === "ANNOTATOR") {
    throw new AppError("conflict", `${user.email} has an annotator account, which cannot lead a project. An admin can make it a lead account first (Users page).`);
  }
  const created = await db.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({
      where: { userId_projectId: { userId: user.id, projectId: project.id } },
      select: { id: true, role: true },
    });
    if (existing?.role === input.role) return false;
    if (existing) {
      if (existing.role === "LEAD") await assertAnotherLead(tx, project.id, user.id);
      await tx.membership.update({ where: { id: existing.id }, data: { role: input.role } });
      await recordAuditEvent(
        { actorId: actor.id, projectId: project.id, action: "member.role_changed", details: { user_id: user.id, email: user.email, from: existing.role, to: input.role } },
        tx,
      );
      return false;
    }
    // With qualification on, a new annotator answers gold items first (docs/formats.md, "Gold, qualification and re-checks").
    await tx.membership.create({
      data: { userId: user.id, projectId: project.id, role: input.role, ...initialQualityStatus(input.role, project, new Date()) },
    });
    await recordAuditEvent(
      { actorId: actor.id, projectId: project.id, action: "member.added", details: { user_id: user.id, email: user.email, role: input.role } },
      tx,
    );
    return true;
  }).catch((error: unknown) => {
    // Added at the same moment by someone else (or through an invite): a member either way.
    if (isUniqueViolation(error)) return false;
    throw error;
  });
  const [member] = await readMembers(project.id, [user.id]);
  if (!member) throw new AppError("conflict", "The membership changed while it was being saved; try again.");
  return { member, created };
}
