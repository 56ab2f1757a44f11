import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<string, BadgeTone> = { ACTIVE: "green", DRAFT: "gray", PAUSED: "amber", ARCHIVED: "gray" };

/** A project's status in words (colour only repeats it). Accepts DRAFT or draft. */
export function StatusBadge({ status }: { status: string }) {
  const upper = status.toUpperCase();
  return <Badge tone={tones[upper] ?? "gray"}>{upper.toLowerCase()}</Badge>;
}
