import type { QualityStatus } from "@/lib/generated/prisma/client";

/** A project's quality-control settings (docs/formats.md, "Gold, qualification and re-checks"). */
export type QualityRules = {
  goldRate: number;
  qualificationItems: number;
  qualificationPassMark: number;
  goldFeedback: string;
  pauseBelowAccuracy: number | null;
  pauseMinGold: number;
  goldWindow: number;
  recheckRate: number;
  recheckMinGap: number;
};

export const qualityRulesSelect = {
  goldRate: true,
  qualificationItems: true,
  qualificationPassMark: true,
  goldFeedback: true,
  pauseBelowAccuracy: true,
  pauseMinGold: true,
  goldWindow: true,
  recheckRate: true,
  recheckMinGap: true,
} as const;

/** Whether leasing must look at checks at all; with everything off the lease path is the plain one statement. */
export function checksOn(rules: QualityRules): boolean {
  return rules.goldRate > 0 || rules.qualificationItems > 0 || rules.recheckRate > 0;
}

export function hasQualityRules(project: object): project is QualityRules {
  return "goldRate" in project && "recheckRate" in project && "qualificationItems" in project;
}

/** The status a new membership starts with: annotators qualify first when the project asks for it. */
export function initialQualityStatus(
  role: "LEAD" | "ANNOTATOR",
  project: { qualificationItems: number },
  now: Date,
): { qualityStatus: QualityStatus; qualifyingSince: Date | null; qualityStatusAt: Date | null } {
  if (role === "ANNOTATOR" && project.qualificationItems > 0) return { qualityStatus: "QUALIFYING", qualifyingSince: now, qualityStatusAt: now };
  return { qualityStatus: "ACTIVE", qualifyingSince: null, qualityStatusAt: null };
}

/** Whether a preference (item A/B terms) meets a gold item's answer and tolerance. */
export function isGoldCorrect(preference: number, gold: { goldPreference: number; goldMinStrength: number | null }): boolean {
  if (Math.sign(preference) !== Math.sign(gold.goldPreference)) return false;
  if (gold.goldPreference !== 0 && gold.goldMinStrength != null && Math.abs(preference) < gold.goldMinStrength) return false;
  return true;
}
