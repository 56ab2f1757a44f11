"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { readErrorMessage } from "@/lib/http/read-error-message";
import type { Action, Outgoing } from "./annotator-state";
import { dropUnattributedOutboxes, judgmentUrl, readOutbox, stamp, writeOutbox } from "./outbox-storage";
import type { GoldFeedback } from "./quality-screens";
import type { StoredJudgmentJson } from "@/lib/validations/annotate-response";

/**
 * Sends the outbox in order, one judgment at a time, and retries with backoff
 * when the network or the server fails. The outbox is mirrored in
 * localStorage under this user's own key (outbox-storage.ts), so a closed tab
 * or a reload loses nothing and another account on the same browser never
 * sends it; the client id makes every retry idempotent on the server.
 */
/**
 * The one-request flow (docs/formats.md): a POST may ask the server for the
 * next pair in the same answer. `askNext` says, when the POST leaves, whether
 * the screen wants one and which ids it shows; `onNext` gets the answer's
 * `next` / `next_refusal` (before the judgment leaves the outbox).
 */
export type NextExchange = {
  askNext: () => { exclude: string[] } | null;
  onNext: (answer: SubmitAnswer) => void;
};
export type SubmitAnswer = Pick<StoredJudgmentJson, "next" | "next_refusal">;

export function useOutbox(userId: string, slug: string, outbox: Outgoing[], dispatch: (action: Action) => void, exchangeIn?: NextExchange) {
  const [problem, setProblem] = useState<string | null>(null);
  const [rejected, setRejected] = useState<string | null>(null);
  const [retryTick, setRetryTick] = useState(0);
  // After a gold item in training mode the answer carries `feedback` (docs/formats.md).
  const [feedback, setFeedback] = useState<GoldFeedback | null>(null);
  const sending = useRef(false);
  const delay = useRef(1000);
  // The latest callbacks, read when a POST leaves (not a reason to send again).
  const exchange = useRef(exchangeIn);
  useLayoutEffect(() => {
    exchange.current = exchangeIn;
  });

  useEffect(() => {
    try {
      dropUnattributedOutboxes();
      const saved = readOutbox(userId, slug);
      if (saved.length) dispatch({ type: "restore-outbox", outbox: saved });
    } catch {
      // unreadable storage: nothing to restore
    }
  }, [userId, slug, dispatch]);

  useEffect(() => {
    try {
      writeOutbox(userId, slug, outbox);
    } catch {
      // storage full or blocked: the in-memory outbox still retries
    }
  }, [userId, slug, outbox]);

  const head = outbox[0];
  useEffect(() => {
    if (!head || sending.current) return;
    sending.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The stamp lets the server refuse it if another account signed in meanwhile (in another tab).
    const ask = head.method === "POST" ? (exchange.current?.askNext() ?? null) : null;
    const body = ask ? { ...stamp(head, userId).body, next: true, exclude: ask.exclude.slice(0, 20), view: "annotate" } : stamp(head, userId).body;
    fetch(judgmentUrl(slug, head), { method: head.method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(async (response) => {
        sending.current = false;
        if (response.ok) {
          delay.current = 1000;
          setProblem(null);
          const answer = (await response.json().catch(() => null)) as ({ feedback?: Omit<GoldFeedback, "itemId"> } & SubmitAnswer) | null;
          if (answer?.feedback) setFeedback({ ...answer.feedback, itemId: head.body.item_id });
          if (ask && answer) exchange.current?.onNext(answer);
          dispatch({ type: "sent", body: head.body });
          return;
        }
        const message = await readErrorMessage(response, `HTTP ${response.status}`);
        if (response.status === 401) {
          setProblem("Your session has ended. Sign in again in another tab; your judgments are kept here and will be sent.");
        } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          // The server refused this judgment for good (for example the item was already judged): retrying can't help.
          setRejected(`A judgment on item ${head.body.item_id} was not stored: ${message}`);
          dispatch({ type: "dropped", clientId: head.body.client_id });
          return;
        } else {
          setProblem(`Saving failed (${message}). Your judgment is kept and will be retried.`);
        }
        timer = setTimeout(() => setRetryTick((t) => t + 1), delay.current);
        delay.current = Math.min(delay.current * 2, 30_000);
      })
      .catch(() => {
        sending.current = false;
        setProblem("You seem to be offline. Your judgments are kept on this device and will be sent when the connection is back.");
        timer = setTimeout(() => setRetryTick((t) => t + 1), delay.current);
        delay.current = Math.min(delay.current * 2, 30_000);
      });
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, [head, slug, userId, dispatch, retryTick]);

  return {
    problem,
    rejected,
    dismissRejected: () => setRejected(null),
    feedback,
    dismissFeedback: () => setFeedback(null),
    retryNow: () => {
      delay.current = 1000;
      setRetryTick((t) => t + 1);
    },
  };
}
