"use client";

import { ActionButton } from "@/components/admin/action-button";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { setQualityStatusAction } from "@/app/admin/projects/[slug]/members/actions";

type Status = "QUALIFYING" | "ACTIVE" | "PAUSED" | "NOT_QUALIFIED";
type Action = "admit" | "retry" | "readmit" | "pause";

const look: Record<Status, { label: string; tone: BadgeTone }> = {
  QUALIFYING: { label: "qualifying", tone: "blue" },
  ACTIVE: { label: "active", tone: "green" },
  PAUSED: { label: "paused", tone: "amber" },
  NOT_QUALIFIED: { label: "not qualified", tone: "red" },
};

const buttons: Record<Action, { label: string; aria: (name: string) => string; confirm?: (name: string) => string }> = {
  admit: { label: "Admit", aria: (name) => `Admit ${name} to real items` },
  retry: { label: "Let retry", aria: (name) => `Let ${name} retry the qualification` },
  readmit: { label: "Re-admit", aria: (name) => `Re-admit ${name}` },
  pause: { label: "Pause", aria: (name) => `Pause ${name}`, confirm: (name) => `Pause ${name}? They get no more pairs until you re-admit them.` },
};

/** An annotator's gold-check status and the lead's actions that apply to it (lib/quality/set-quality-status.ts). */
export function QualityStatusCell({ project, userId, name, status, actions }: { project: string; userId: string; name: string; status: Status; actions: Action[] }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Badge tone={look[status].tone}>{look[status].label}</Badge>
      {actions.map((action) => (
        <ActionButton
          key={action}
          action={setQualityStatusAction}
          input={{ project, user_id: userId, action }}
          label={buttons[action].label}
          ariaLabel={buttons[action].aria(name)}
          confirm={buttons[action].confirm?.(name)}
        />
      ))}
    </span>
  );
}
