import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Users with a global role and projects with members, for the admin-area lib tests. */
const unique = () => randomBytes(5).toString("hex");

export async function createActor(role: Actor["role"], name: string = role.toLowerCase()): Promise<Actor> {
  return db.user.create({
    data: { email: `${name}-${unique()}@example.com`, name, role },
    select: { id: true, email: true, name: true, role: true },
  });
}

export async function createProjectWith(options: {
  leads?: Actor[];
  annotators?: Actor[];
  data?: Partial<Prisma.ProjectCreateInput>;
}) {
  const memberships = [
    ...(options.leads ?? []).map((u) => ({ userId: u.id, role: "LEAD" as const })),
    ...(options.annotators ?? []).map((u) => ({ userId: u.id, role: "ANNOTATOR" as const })),
  ];
  return db.project.create({
    data: { slug: `p-${unique()}`, name: "Test project", status: "ACTIVE", ...options.data, memberships: { create: memberships } },
  });
}

/** The four kinds of people every permission test asks about, around one project. */
export async function createCast() {
  const admin = await createActor("ADMIN");
  const lead = await createActor("LEAD");
  const otherLead = await createActor("LEAD", "other-lead");
  const annotator = await createActor("ANNOTATOR");
  const project = await createProjectWith({ leads: [lead], annotators: [annotator] });
  const otherProject = await createProjectWith({ leads: [otherLead] });
  return { admin, lead, otherLead, annotator, project, otherProject };
}
