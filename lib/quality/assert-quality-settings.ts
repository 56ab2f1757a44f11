import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { QualityRules } from "./quality-rules";

/**
 * The quality settings that depend on each other or on the project's items,
 * checked on the merged settings next to the write (422 naming the field):
 * the qualification cannot ask for more gold items than the project has, and
 * the rolling window must hold at least the gold answers the pause waits for.
 *
 * @internal caller has checked access
 */
export async function assertQualitySettings(tx: Tx, projectId: string, settings: QualityRules): Promise<void> {
  const issues: string[] = [];
  if (settings.goldWindow < settings.pauseMinGold) {
    issues.push(`gold_window: must be at least pause_min_gold (${settings.pauseMinGold}), or the pause could never be decided`);
  }
  if (settings.qualificationItems > 0) {
    const gold = await tx.item.count({ where: { projectId, goldPreference: { not: null } } });
    if (settings.qualificationItems > gold) {
      issues.push(
        `qualification_items: must be at most the project's gold items (${gold}); import items with gold_preference first`,
      );
    }
  }
  if (issues.length) throw new AppError("unprocessable", issues.join("; "), { issues });
}
