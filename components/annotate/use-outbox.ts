"use client";

import { useEffect, useRef, useState } from "react";
import { readErrorMessage } from "@/lib/http/read-error-message";
import type { Action, Outgoing } from "./annotator-state";

/**
 * Sends the outbox in order, one judgment at a time, and retries with backoff
 * when the network or the server fails. The outbox is mirrored in
 * localStorage, so a closed tab or a reload loses nothing; the client id makes
 * every retry idempotent on the server.
 */
export function useOutbox(slug: string, outbox: Outgoing[], dispatch: (action: Action) => void) {
  const [problem, setProblem] = useState<string | null>(null);
  const [rejected, setRejected] = useState<string | null>(null);
  const [retryTick, setRetryTick] = useState(0);
  const sending = useRef(false);
  const delay = useRef(1000);
  const storageKey = `pairwise:outbox:${slug}`;

  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? "[]") as Outgoing[];
      if (Array.isArray(saved) && saved.length) dispatch({ type: "restore-outbox", outbox: saved });
    } catch {
      // unreadable storage: nothing to restore
    }
  }, [storageKey, dispatch]);

  useEffect(() => {
    try {
      localStorage.setItem(storageKey, JSON.stringify(outbox));
    } catch {
      // storage full or blocked: the in-memory outbox still retries
    }
  }, [storageKey, outbox]);

  const head = outbox[0];
  useEffect(() => {
    if (!head || sending.current) return;
    sending.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const url =
      head.method === "POST"
        ? `/api/v1/projects/${encodeURIComponent(slug)}/judgments`
        : `/api/v1/projects/${encodeURIComponent(slug)}/judgments/${encodeURIComponent(head.body.item_id)}`;
    fetch(url, { method: head.method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(head.body) })
      .then(async (response) => {
        sending.current = false;
        if (response.ok) {
          delay.current = 1000;
          setProblem(null);
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
  }, [head, slug, dispatch, retryTick]);

  return {
    problem,
    rejected,
    dismissRejected: () => setRejected(null),
    retryNow: () => {
      delay.current = 1000;
      setRetryTick((t) => t + 1);
    },
  };
}
