import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { submitJudgmentInput, type SubmitJudgmentInput } from "@/lib/validations/judgment";

/** Small builders for the integration tests of lib/assignment and lib/judgments. */
const unique = () => randomBytes(5).toString("hex");

export async function createUser(name = "annotator") {
  return db.user.create({ data: { email: `${name}-${unique()}@example.com`, name }, select: { id: true, name: true } });
}

export async function createProject(data: Partial<Prisma.ProjectCreateInput> = {}) {
  return db.project.create({
    data: { slug: `p-${unique()}`, name: "Test project", status: "ACTIVE", ...data },
  });
}

/** `count` items created one second apart (q-001 is the oldest), so "oldest first" is well defined. */
export async function createItems(projectId: string, count: number, start = new Date("2026-01-01T00:00:00Z")) {
  await db.item.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      projectId,
      externalId: `q-${String(i + 1).padStart(3, "0")}`,
      prompt: `Prompt ${i + 1}`,
      promptText: `Prompt ${i + 1}`,
      responseA: `A${i + 1}`,
      responseB: `B${i + 1}`,
      createdAt: new Date(start.getTime() + i * 1000),
    })),
  });
  return db.item.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { id: true, externalId: true } });
}

/** A parsed judgment input, as the route would hand it over. */
export function judgmentInput(itemId: string, preference: number, extra: Partial<SubmitJudgmentInput> = {}): SubmitJudgmentInput {
  return submitJudgmentInput.parse({ item_id: itemId, preference, client_id: `c-${unique()}${unique()}`, ...extra });
}

export async function itemCounters(projectId: string) {
  return db.item.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    select: { externalId: true, judgmentCount: true, activeLeases: true },
  });
}
