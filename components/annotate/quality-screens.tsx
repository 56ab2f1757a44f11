"use client";

import Link from "next/link";
import type { ScaleOption } from "@/lib/scale/preference-scale";
import { describeTiers, fromItemRanking } from "./ranking-steps";
import { toDisplayTerms } from "@/lib/scale/preference-scale";

/** A paused or not-qualified annotator's /next answer: 403 with `error.details.reason` (docs/formats.md). */
export type QualityStop = { reason: "paused" | "not_qualified"; message: string };

/** The refusal in a /next error body, if that is what it is. */
export function qualityStopOf(body: unknown): QualityStop | null {
  const error = (body as { error?: { message?: unknown; details?: { reason?: unknown } } } | null)?.error;
  const reason = error?.details?.reason;
  if (reason !== "paused" && reason !== "not_qualified") return null;
  return { reason, message: typeof error?.message === "string" ? error.message : "" };
}

/** The whole screen when the annotator gets no pairs because of their check items. */
export function QualityStopScreen({ projectName, stop }: { projectName: string; stop: QualityStop }) {
  const title = stop.reason === "paused" ? "Your work on this project is paused" : "You did not pass the qualification";
  // The server's sentence starts with the same words as the title: show the rest.
  const rest = stop.message.startsWith(`${title}: `) ? stop.message.slice(title.length + 2) : stop.message;
  const text = rest.charAt(0).toUpperCase() + rest.slice(1);
  return (
    <section className="mx-auto max-w-lg p-6 text-center sm:p-10" aria-labelledby="quality-stop-title">
      <p className="text-sm text-gray-600">{projectName}</p>
      <h2 id="quality-stop-title" className="mt-1 text-xl font-semibold">
        {title}
      </h2>
      <p className="mt-3 text-gray-800">{text}</p>
      <Link href="/projects" className="mt-6 inline-block rounded-md border border-gray-300 bg-white px-4 py-2 font-medium underline-offset-2 hover:underline">
        Back to my projects
      </Link>
    </section>
  );
}

/** What a submit answer carries after a gold item in training mode. */
export type GoldFeedback = { itemId: string; expected_preference?: number; expected_ranking?: number[][]; explanation: string; correct: boolean };

/**
 * The training feedback after a gold item, over the next pair until
 * dismissed. The explanation is the lead's text, shown as plain text.
 * `swapped` is how that pair was shown, so the expected answer reads in the
 * same left/right terms the annotator saw. A gold ranking item's expected
 * ranking reads in the card numbers that item was shown with (`shownOrder`:
 * the item index at each display position).
 */
export function GoldFeedbackPanel({
  feedback,
  swapped,
  shownOrder,
  options,
  onDismiss,
}: {
  feedback: GoldFeedback;
  swapped: boolean;
  shownOrder?: number[];
  options: ScaleOption[];
  onDismiss: () => void;
}) {
  let label: string;
  if (feedback.expected_ranking) {
    label = shownOrder ? describeTiers(fromItemRanking(feedback.expected_ranking, shownOrder).tiers) : "";
  } else {
    const shown = toDisplayTerms(feedback.expected_preference ?? 0, swapped);
    label = options.find((o) => o.value === shown)?.label ?? String(shown);
  }
  return (
    <div
      role="status"
      aria-labelledby="gold-feedback-title"
      className={`fixed inset-x-2 bottom-2 z-40 mx-auto max-w-xl rounded-lg border p-4 shadow-lg sm:bottom-6 ${feedback.correct ? "border-green-300 bg-green-50" : "border-amber-300 bg-amber-50"}`}
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id="gold-feedback-title" className="font-semibold">
          That was a check item: {feedback.correct ? "you got it right." : "your answer was off."}
        </h2>
        <button type="button" onClick={onDismiss} className="rounded px-2 text-sm underline" aria-label="Dismiss the check item feedback">
          Close
        </button>
      </div>
      <p className="mt-1 text-sm">
        Expected answer: <span className="font-medium">{label}</span>
        {feedback.expected_ranking ? " (response numbers as shown, best first)" : null}
      </p>
      {feedback.explanation ? <p className="mt-2 text-sm whitespace-pre-wrap text-gray-800">{feedback.explanation}</p> : null}
    </div>
  );
}
