import { randomBytes, randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "./http";
import type { LoadAnnotator } from "./load-fixtures";
import { summarize, type LatencySummary } from "./stats";

/**
 * N annotators playing the REST API at once, each looping
 * `GET /next` → `POST /judgments` (docs/architecture.md, "Leasing and overlap", over HTTP).
 *
 * Why not autocannon: its connections replay a fixed request list and report
 * one latency histogram for all of it; this loop has to read the item id of
 * one answer into the next request, stop an annotator on 204, and time the two
 * endpoints apart. So it is a plain loop over node:http keep-alive sockets,
 * one socket per annotator, with the latencies kept in arrays.
 *
 * `ratePerSecond` > 0 paces the annotators (each starts a judgment every
 * N/rate seconds, as people with think time do) so latency is measured at a
 * given load; 0 runs them flat out (closed loop) to find the throughput.
 */
export type LoopOptions = {
  baseUrl: string;
  slug: string;
  annotators: LoadAnnotator[];
  durationMs: number;
  warmupMs: number;
  ratePerSecond: number;
  scale: number;
  /** Called with each acknowledged (2xx) judgment: client id → preference sent. */
  acknowledged?: Map<string, number>;
  /** Stops the run early (the fault scripts use it). */
  signal?: AbortSignal;
  /**
   * Resend a submit whose answer never came (network error) or said 503,
   * with the same client_id, as the annotation screen does: the fault
   * scripts check that this never makes a second judgment.
   */
  retrySubmits?: boolean;
  /**
   * "one-trip" (what the annotation screen does since issue 13): one `GET /next`
   * to start, then each `POST /judgments` says `next: true` and its answer
   * carries the next lease. "two-call" (the default, as API clients may still
   * do): `GET /next` → `POST /judgments` for every judgment.
   */
  flow?: "one-trip" | "two-call";
  /**
   * Ask for the rendered pair (`view: "annotate"`, the prompt and responses
   * as sanitised HTML), as the annotation screen does; off by default, as API
   * clients send.
   */
  view?: boolean;
  /** Every answer, with its time (ms since the run started): the fault scripts read what happened when. */
  timeline?: { at: number; endpoint: "next" | "judgments"; status: number; retry: boolean; error?: string }[];
};

export type EndpointReport = { latency_ms: LatencySummary; statuses: Record<string, number> };

export type LoopReport = {
  annotators: number;
  duration_s: number;
  target_rate: number | null;
  flow: "one-trip" | "two-call";
  judgments: number;
  judgments_per_s: number;
  requests_per_s: number;
  annotators_done: number;
  endpoints: Record<"next" | "judgments", EndpointReport>;
  errors: string[];
};

export async function runAnnotators(options: LoopOptions): Promise<LoopReport> {
  const { baseUrl, slug, annotators, durationMs, warmupMs, ratePerSecond, scale } = options;
  const client = createClient(baseUrl, annotators.length);
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  const latencies = { next: [] as number[], judgments: [] as number[] };
  const statuses = { next: {} as Record<string, number>, judgments: {} as Record<string, number> };
  const errors = new Set<string>();
  let judgments = 0;
  let done = 0;
  const interval = ratePerSecond > 0 ? (annotators.length * 1000) / ratePerSecond : 0;
  const record = (endpoint: "next" | "judgments", startedAt: number, status: number, ms: number, error?: string, retry = false) => {
    if (error) errors.add(`${endpoint}: ${error.slice(0, 200)}`);
    options.timeline?.push({ at: Math.round(startedAt + ms - start), endpoint, status, retry, error });
    if (startedAt < measureFrom || startedAt + ms > stopAt) return;
    latencies[endpoint].push(ms);
    statuses[endpoint][String(status)] = (statuses[endpoint][String(status)] ?? 0) + 1;
  };
  const oneTrip = options.flow === "one-trip";
  const running = () => performance.now() < stopAt && !options.signal?.aborted;

  async function annotate(annotator: LoadAnnotator) {
    const auth = { authorization: `Bearer ${annotator.token}`, accept: "application/json" };
    let nextStart = start + (interval ? Math.random() * interval : 0);
    // One-trip: the lease the last submit's answer carried.
    let carried: { item_id: string } | null = null;
    while (running()) {
      if (interval) {
        const wait = nextStart - performance.now();
        if (wait > 0) await sleep(wait);
        nextStart = Math.max(nextStart + interval, performance.now() - interval);
        if (!running()) break;
      }
      let item: { item_id: string } | null = carried;
      carried = null;
      if (!item) {
        const began = performance.now();
        const next = await client.request("GET", `/api/v1/projects/${slug}/next${options.view ? "?view=annotate" : ""}`, auth);
        record("next", began, next.status, next.ms, next.error ?? (next.status >= 400 ? `${next.status} ${next.body.slice(0, 200)}` : undefined));
        if (next.status === 204) {
          done++;
          return;
        }
        if (next.status !== 200) {
          await sleep(200);
          continue;
        }
        item = JSON.parse(next.body) as { item_id: string };
      }
      const preference = randomInt(-scale, scale + 1);
      const clientId = `load-${randomBytes(9).toString("base64url")}`;
      const body = JSON.stringify({ item_id: item.item_id, preference, client_id: clientId, duration_ms: 1000 + randomInt(30_000), ...(oneTrip ? { next: true } : {}), ...(oneTrip && options.view ? { view: "annotate" } : {}) });
      let submitted = performance.now();
      let post = await client.request("POST", `/api/v1/projects/${slug}/judgments`, auth, body);
      record("judgments", submitted, post.status, post.ms, post.error ?? (post.status >= 400 ? `${post.status} ${post.body.slice(0, 200)}` : undefined));
      while (options.retrySubmits && (post.status === 0 || post.status === 503) && running()) {
        await sleep(200);
        submitted = performance.now();
        post = await client.request("POST", `/api/v1/projects/${slug}/judgments`, auth, body);
        record("judgments", submitted, post.status, post.ms, post.error ?? (post.status >= 400 ? `${post.status} ${post.body.slice(0, 200)}` : undefined), true);
      }
      if (post.status === 201 || post.status === 200) {
        options.acknowledged?.set(clientId, preference);
        if (submitted >= measureFrom && submitted + post.ms <= stopAt) judgments++;
        if (oneTrip) {
          const answer = JSON.parse(post.body) as { next?: { item_id: string } | null; next_refusal?: unknown };
          if (answer.next) carried = answer.next;
          else if (answer.next === null && !answer.next_refusal) {
            done++;
            return;
          }
        }
      }
    }
  }

  await Promise.all(annotators.map(annotate));
  client.close();
  const seconds = durationMs / 1000;
  return {
    annotators: annotators.length,
    duration_s: seconds,
    target_rate: ratePerSecond > 0 ? ratePerSecond : null,
    flow: oneTrip ? "one-trip" : "two-call",
    judgments,
    judgments_per_s: Math.round(judgments / seconds),
    requests_per_s: Math.round((latencies.next.length + latencies.judgments.length) / seconds),
    annotators_done: done,
    endpoints: {
      next: { latency_ms: summarize(latencies.next), statuses: statuses.next },
      judgments: { latency_ms: summarize(latencies.judgments), statuses: statuses.judgments },
    },
    errors: [...errors].slice(0, 20),
  };
}
