import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createActor } from "@/test/api-fixtures";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { failure } from "@/test/app-error";
import { createItems, judgmentInput } from "@/lib/assignment/test-fixtures";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { createProject } from "@/lib/projects/create-project";
import { addMember } from "./add-member";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";

withTestDb();

async function code(promise: Promise<unknown>): Promise<string> {
  return (await failure(promise)).code;
}

let n = 0;
async function setup() {
  const lead = await createActor("lead", "LEAD");
  const admin = await createActor("admin", "ADMIN");
  const project = await createProject({ actor: lead, input: { slug: `team-${++n}`, name: "Team", status: "active" } });
  return { lead, admin, project, slug: project.slug };
}

describe("addMember", () => {
  it("adds an existing user by email, then changes their role, auditing both", async () => {
    const { lead, admin, project, slug } = await setup();
    const colleague = await createActor("colleague", "LEAD");
    const added = await addMember({ actor: admin, slug, input: { email: colleague.email.toUpperCase(), role: "annotator" } });
    expect(added).toMatchObject({ created: true, member: { user_id: colleague.id, email: colleague.email, role: "annotator", judgments: 0, last_judgment_at: null } });
    const promoted = await addMember({ actor: lead, slug, input: { email: colleague.email, role: "lead" } });
    expect(promoted).toMatchObject({ created: false, member: { role: "lead" } });
    const same = await addMember({ actor: lead, slug, input: { email: colleague.email, role: "lead" } });
    expect(same.created).toBe(false);
    const audits = await db.auditEvent.findMany({ where: { projectId: project.id, action: { startsWith: "member." } }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, a.details])).toEqual([
      ["member.added", { user_id: colleague.id, email: colleague.email, role: "ANNOTATOR" }],
      ["member.role_changed", { user_id: colleague.id, email: colleague.email, from: "ANNOTATOR", to: "LEAD" }],
    ]);
  });

  it("tells an admin of unknown emails (404, invite links), and keeps annotator accounts from leading (409)", async () => {
    const { lead, admin, slug } = await setup();
    const error = await addMember({ actor: admin, slug, input: { email: "nobody@example.com", role: "annotator" } }).catch((e: AppError) => e);
    expect(error).toMatchObject({ code: "not_found" });
    expect((error as AppError).message).toMatch(/invite link/);
    const annotator = await createActor("annotator");
    expect(await code(addMember({ actor: admin, slug, input: { email: annotator.email, role: "lead" } }))).toBe("conflict");
    expect(await code(addMember({ actor: lead, slug, input: { email: "not-an-email", role: "lead" } }))).toBe("unprocessable");
  });

  it("answers a lead alike for an unknown email and an account that is no member, and adds neither", async () => {
    const { lead, project, slug } = await setup();
    const stranger = await createActor("stranger", "LEAD");
    const answers = [];
    for (const email of [stranger.email, "nobody-at-all@example.com"]) {
      const error = await addMember({ actor: lead, slug, input: { email, role: "annotator" } }).catch((e: AppError) => e);
      expect(error).toBeInstanceOf(AppError);
      answers.push({ code: (error as AppError).code, message: (error as AppError).message });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.message).toMatch(/invite link/);
    expect(await db.membership.count({ where: { projectId: project.id, userId: stranger.id } })).toBe(0);
  });

  it("never demotes the last lead", async () => {
    const { lead, slug } = await setup();
    expect(await code(addMember({ actor: lead, slug, input: { email: lead.email, role: "annotator" } }))).toBe("conflict");
  });

  it("is for the project's leads and admins", async () => {
    const { slug } = await setup();
    const outsider = await createActor("outsider", "LEAD");
    const user = await createActor("user");
    expect(await code(addMember({ actor: outsider, slug, input: { email: user.email, role: "annotator" } }))).toBe("not_found");
    const admin = await createActor("admin", "ADMIN");
    expect((await addMember({ actor: admin, slug, input: { email: user.email, role: "annotator" } })).created).toBe(true);
  });
});

describe("removeMember", () => {
  it("keeps their judgments, releases their open leases and audits", async () => {
    const { lead, admin, project, slug } = await setup();
    await createItems(project.id, 3);
    const annotator = await createActor("annotator");
    await addMember({ actor: admin, slug, input: { email: annotator.email, role: "annotator" } });
    const first = (await leaseNextItem({ userId: annotator.id, projectId: project.id }))!;
    await submitJudgment({ userId: annotator.id, project, input: judgmentInput(first.externalId, 1) });
    const held = (await leaseNextItem({ userId: annotator.id, projectId: project.id }))!;
    expect((await db.item.findUniqueOrThrow({ where: { id: held.itemId } })).activeLeases).toBe(1);

    expect(await removeMember({ actor: lead, slug, userId: annotator.id })).toEqual({ released_leases: 1 });
    expect(await db.membership.count({ where: { projectId: project.id, userId: annotator.id } })).toBe(0);
    expect(await db.judgment.count({ where: { userId: annotator.id } })).toBe(1);
    expect((await db.item.findUniqueOrThrow({ where: { id: held.itemId } })).activeLeases).toBe(0);
    expect(await db.assignment.count({ where: { userId: annotator.id, open: true } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "member.removed" } });
    expect(audit.details).toEqual({ user_id: annotator.id, email: annotator.email, role: "ANNOTATOR", released_leases: 1 });
    // Removed means removed: the API turns them away now.
    expect(await code(removeMember({ actor: lead, slug, userId: annotator.id }))).toBe("not_found");
  });

  it("cannot remove the last lead, but a lead can leave when another remains", async () => {
    const { lead, slug } = await setup();
    const admin = await createActor("admin", "ADMIN");
    expect(await code(removeMember({ actor: admin, slug, userId: lead.id }))).toBe("conflict");
    const second = await createActor("second", "LEAD");
    await addMember({ actor: admin, slug, input: { email: second.email, role: "lead" } });
    expect(await removeMember({ actor: lead, slug, userId: lead.id })).toEqual({ released_leases: 0 });
    expect(await code(removeMember({ actor: second, slug, userId: second.id }))).toBe("conflict");
  });

  it("lets only one of two leads removing each other win", async () => {
    const { lead, admin, slug } = await setup();
    const second = await createActor("second", "LEAD");
    await addMember({ actor: admin, slug, input: { email: second.email, role: "lead" } });
    const results = await Promise.allSettled([
      removeMember({ actor: lead, slug, userId: second.id }),
      removeMember({ actor: second, slug, userId: lead.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

describe("listMembers", () => {
  it("lists leads first with each member's judgment count and last judgment", async () => {
    const { lead, admin, project, slug } = await setup();
    await createItems(project.id, 3);
    const [ana, ben] = [await createActor("ana"), await createActor("ben")];
    for (const user of [ana, ben]) await addMember({ actor: admin, slug, input: { email: user.email, role: "annotator" } });
    for (let i = 0; i < 2; i++) {
      const lease = (await leaseNextItem({ userId: ana.id, projectId: project.id }))!;
      await submitJudgment({ userId: ana.id, project, input: judgmentInput(lease.externalId, -1) });
    }
    const last = await db.judgment.findFirstOrThrow({ where: { userId: ana.id }, orderBy: { createdAt: "desc" } });
    const { members, nextCursor, work } = await listMembers({ actor: lead, slug });
    expect(members.map((m) => [m.name, m.role, m.judgments])).toEqual([["lead", "lead", 0], ["ana", "annotator", 2], ["ben", "annotator", 0]]);
    expect(members[1]).toMatchObject({ email: ana.email, last_judgment_at: last.createdAt.toISOString(), joined_at: expect.any(String) });
    expect(nextCursor).toBeNull();
    expect(work.asOf).toBeInstanceOf(Date);
    // Pages by cursor, leads first throughout.
    const first = await listMembers({ actor: lead, slug, limit: 2 });
    expect(first.members.map((m) => m.name)).toEqual(["lead", "ana"]);
    const second = await listMembers({ actor: lead, slug, limit: 2, cursor: first.nextCursor! });
    expect(second.members.map((m) => [m.name, m.judgments])).toEqual([["ben", 0]]);
    expect(second.nextCursor).toBeNull();
    expect(await code(listMembers({ actor: lead, slug, cursor: "bm9wZQ" }))).toBe("bad_request");
    expect(await code(listMembers({ actor: ana, slug }))).toBe("forbidden");
  });
});
