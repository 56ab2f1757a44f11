import "server-only";
import type { StoredViewKey } from "@/lib/validations/stored-view";
import { agreementView } from "./agreement-view";
import { biasView } from "./bias-view";
import { qualityView } from "./quality-view";
import { styleLeaderboardView } from "./style-leaderboard-view";
import { exportPreviewView } from "./export-preview-view";
import { memberWorkView } from "./member-work-view";
import { modelNamesView } from "./model-names-view";
import type { ViewDefinition, ViewParams } from "./stored-view";

type AnyView = ViewDefinition<ViewParams, unknown>;

/** Every stored view by key, for refreshes (which recompute a view with each params it was stored with). */
export const STORED_VIEWS: Record<StoredViewKey, AnyView> = {
  agreement: agreementView as unknown as AnyView,
  bias: biasView as unknown as AnyView,
  quality: qualityView as unknown as AnyView,
  "style-leaderboard": styleLeaderboardView as unknown as AnyView,
  "export-preview": exportPreviewView as unknown as AnyView,
  "member-work": memberWorkView as unknown as AnyView,
  "model-names": modelNamesView as unknown as AnyView,
};
