import type { JudgmentBody, Outgoing } from "./annotator-state";

/**
 * The outbox as kept on the device: one localStorage entry per user and
 * project (`pairwise:outbox:<userId>:<slug>`), so a judgment queued by one
 * annotator is never read, let alone sent, under the next person who signs in
 * on the same browser. Every stored judgment also carries `expected_user_id`,
 * which the server checks against whoever is signed in when it arrives.
 *
 * Entries under the old key (`pairwise:outbox:<slug>`, no user) cannot be
 * attributed to anyone, so they are removed, never sent.
 */
const PREFIX = "pairwise:outbox:";
export type StoredOutgoing = { method: Outgoing["method"]; body: JudgmentBody & { expected_user_id: string } };

export function outboxKey(userId: string, slug: string): string {
  return `${PREFIX}${userId}:${slug}`;
}

function parse(raw: string | null, userId: string): StoredOutgoing[] {
  try {
    const value: unknown = JSON.parse(raw ?? "[]");
    if (!Array.isArray(value)) return [];
    // Only judgments stamped with this user: anything else in the slot is not theirs to send.
    return value.filter((entry): entry is StoredOutgoing => {
      const candidate = entry as Partial<StoredOutgoing> | null;
      return (candidate?.method === "POST" || candidate?.method === "PATCH") && candidate.body?.expected_user_id === userId;
    });
  } catch {
    return [];
  }
}

/** The judgments this user queued in this project, as the reducer holds them (without the stamp). */
export function readOutbox(userId: string, slug: string): Outgoing[] {
  return parse(localStorage.getItem(outboxKey(userId, slug)), userId).map(({ method, body }) => {
    const { expected_user_id: _stamp, ...rest } = body;
    return { method, body: rest };
  });
}

export function stamp(entry: Outgoing, userId: string): StoredOutgoing {
  return { method: entry.method, body: { ...entry.body, expected_user_id: userId } };
}

export function writeOutbox(userId: string, slug: string, outbox: Outgoing[]): void {
  const key = outboxKey(userId, slug);
  if (outbox.length === 0) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(outbox.map((entry) => stamp(entry, userId))));
}

/** Removes outboxes under the old project-only key: their owner is unknown, so they must not be sent as anyone. */
export function dropUnattributedOutboxes(): void {
  for (const key of storageKeys()) {
    if (key.startsWith(PREFIX) && !key.slice(PREFIX.length).includes(":")) localStorage.removeItem(key);
  }
}

/** Every non-empty outbox of this user, by project. */
export function queuedOutboxes(userId: string): { slug: string; entries: StoredOutgoing[] }[] {
  const own = `${PREFIX}${userId}:`;
  return storageKeys()
    .filter((key) => key.startsWith(own))
    .map((key) => ({ slug: key.slice(own.length), entries: parse(localStorage.getItem(key), userId) }))
    .filter((outbox) => outbox.entries.length > 0);
}

export function discardOutboxes(userId: string): void {
  for (const key of storageKeys()) if (key.startsWith(`${PREFIX}${userId}:`)) localStorage.removeItem(key);
}

export function judgmentUrl(slug: string, entry: { method: Outgoing["method"]; body: { item_id: string } }): string {
  const base = `/api/v1/projects/${encodeURIComponent(slug)}/judgments`;
  return entry.method === "POST" ? base : `${base}/${encodeURIComponent(entry.body.item_id)}`;
}

/**
 * Sends every queued judgment of this user now (sign-out's "Send now"), in
 * order, removing each one the server stored or refused for good (counted in
 * `refused`). Stops at the first network failure or retryable answer and says
 * how many are left.
 */
export async function sendQueuedOutboxes(userId: string): Promise<{ left: number; refused: number; problem: string | null }> {
  let problem: string | null = null;
  let refused = 0;
  for (const { slug, entries } of queuedOutboxes(userId)) {
    const rest = [...entries];
    while (rest.length && !problem) {
      const entry = rest[0]!;
      const response = await fetch(judgmentUrl(slug, entry), {
        method: entry.method,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(entry.body),
      }).catch(() => null);
      const retryable = !response || response.status === 401 || response.status === 408 || response.status === 429 || response.status >= 500;
      if (retryable) problem = response ? `the server answered ${response.status}` : "you seem to be offline";
      else {
        if (!response.ok) refused += 1;
        rest.shift();
      }
    }
    localStorage.setItem(outboxKey(userId, slug), JSON.stringify(rest));
    if (!rest.length) localStorage.removeItem(outboxKey(userId, slug));
  }
  return { left: queuedOutboxes(userId).reduce((sum, outbox) => sum + outbox.entries.length, 0), refused, problem };
}

function storageKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key) keys.push(key);
  }
  return keys;
}
