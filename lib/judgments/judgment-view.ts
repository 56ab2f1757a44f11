import type { Prisma, ProjectStatus } from "@/lib/generated/prisma/client";

/** What the judgment functions return: the stored judgment with its item's external id. */
export const judgmentViewSelect = {
  id: true,
  itemId: true,
  userId: true,
  preference: true,
  ranking: true,
  shownOrder: true,
  flags: true,
  rationale: true,
  attributes: true,
  guidelinesVersion: true,
  shownSwapped: true,
  durationMs: true,
  clientId: true,
  createdAt: true,
  updatedAt: true,
  item: { select: { externalId: true } },
} satisfies Prisma.JudgmentSelect;

export type JudgmentView = Prisma.JudgmentGetPayload<{ select: typeof judgmentViewSelect }>;

/** The project settings a judgment is checked against and stamped with. */
export type JudgmentRules = {
  id: string;
  slug?: string;
  /** An ARCHIVED project takes no judgment writes (assert-judgments-open.ts). */
  status: ProjectStatus;
  scale: number;
  allowTie: boolean;
  requireRationale: boolean;
  /** Project.attributes: `[{ key, label, min, max }]`. */
  attributes: unknown;
  guidelinesVersion: number;
};
