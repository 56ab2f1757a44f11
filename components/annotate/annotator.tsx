"use client";

import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from "react";
import type { JudgedPair as JudgedPairBody, NextItemJson } from "@/lib/validations/annotate-response";
import { readErrorMessage } from "@/lib/http/read-error-message";
import type { ScaleOption } from "@/lib/scale/preference-scale";
import { heldItemIds, initialState, isRankingView, reducer, type AnnotateView } from "./annotator-state";
import { toAnnotateView } from "./annotate-view";
import { RankingPanes } from "./ranking-panes";
import { rankingKeyStep } from "./ranking-keys";
import { rankingChoiceCode } from "./ranking-steps";
import { useOutbox } from "./use-outbox";
import { PairPanes } from "./pair-panes";
import { JudgeBar } from "./judge-bar";
import { GuidelinesDialog } from "./guidelines-dialog";
import { PAIR_ID, RATIONALE_ID } from "./focus-ids";
import { SkipDialog } from "./skip-dialog";
import { ProgressLine, useSessionJudged } from "./progress-line";
import { DoneScreen } from "./done-screen";
import { judgedNoun, type ProgressStart } from "@/lib/annotate/progress-text";
import { useIntegritySignals } from "./use-integrity-signals";
import { GoldFeedbackPanel, QualityStopScreen, qualityStopOf, type QualityStop } from "./quality-screens";

export type AnnotatorConfig = {
  /** The signed-in user: the outbox is kept and sent under this account only. */
  userId: string;
  slug: string;
  projectName: string;
  options: ScaleOption[];
  requireRationale: boolean;
  attributes: { key: string; label: string; min: number; max: number }[];
  guidelinesHtml: string;
  guidelinesVersion: number;
  /** What getAnnotatorProgress counted when the page loaded ("N left for you" counts down from it). */
  progress: ProgressStart;
  /** The project has ranking items: the screen says "items", not "pairs". */
  hasRankingItems?: boolean;
};

function newClientId(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

export function Annotator({ config }: { config: AnnotatorConfig }) {
  const [state, dispatch] = useReducer(reducer, 0, initialState);
  const [guidelinesOpen, setGuidelinesOpen] = useState(false);
  const [skipOpen, setSkipOpen] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [stopped, setStopped] = useState<QualityStop | null>(null);
  const fetching = useRef(false);
  /** What the screen calls one thing to judge: "pair", or "item" in a project with ranking items. */
  const noun = judgedNoun(config.hasRankingItems ?? false, 1);
  // One request per judgment: a POST that leaves when the screen has no pair prefetched asks for the
  // next one in the same answer (docs/formats.md), so the pair after next is on screen at once and no
  // GET …/next goes out between judgments. The GET below is for the first pairs and for when the
  // outbox is stuck (a failing send must not leave the annotator without pairs).
  const latest = useRef(state);
  useLayoutEffect(() => {
    latest.current = state;
  });
  const outbox = useOutbox(config.userId, config.slug, state.outbox, dispatch, {
    askNext: () => {
      const now = latest.current;
      return now.exhausted || now.queue.length > 0 ? null : { exclude: heldItemIds(now) };
    },
    onNext: (answer) => {
      if (answer.next) {
        setLoadError(null);
        if (answer.next.view) dispatch({ type: "pair-loaded", pair: answer.next.view, now: Date.now() });
        return;
      }
      const refusal = answer.next_refusal;
      if (refusal) {
        const stop = qualityStopOf({ error: refusal });
        return stop ? setStopped(stop) : setLoadError(`Could not load the next ${noun}: ${refusal.message}`);
      }
      // "Nothing left" is stale while later answers are still queued (a gold answer decides the qualification): their POST asks again.
      if (answer.next === null && latest.current.outbox.length <= 1) dispatch({ type: "pair-loaded", pair: null, now: Date.now() });
    },
  });
  const base = `/api/v1/projects/${encodeURIComponent(config.slug)}`;
  const judgedThisSession = useSessionJudged(config.userId, config.slug, state.judgedCount);
  const integritySignals = useIntegritySignals(
    state.current?.item_id,
    isRankingView(state.current) ? rankingChoiceCode(state.values.rank, state.current.responses.length) : state.values.display,
  );

  // Guidelines on first entry (per guidelines version), and on demand with G.
  useEffect(() => {
    const key = `pairwise:guidelines-seen:${config.slug}:${config.guidelinesVersion}`;
    if (!localStorage.getItem(key)) {
      // localStorage exists only after mount, so this cannot be initial state.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setGuidelinesOpen(true);
      localStorage.setItem(key, "1");
    }
  }, [config.slug, config.guidelinesVersion]);

  // Keep one pair prefetched while the annotator reads the current one.
  const needsPair = !state.exhausted && state.queue.length === 0 && (state.phase === "loading" || state.current !== null);
  const held = heldItemIds(state).join(",");
  const sending = state.outbox.length > 0;
  // A judgment still to send will bring the next pair with its answer (unless sending is failing).
  const postWillBringNext = state.outbox.some((o) => o.method === "POST");
  const outboxStuck = outbox.problem !== null;
  // "Nothing left" while answers were still on their way may be stale (a gold answer not yet
  // stored decides the qualification): then ask again once the outbox has drained.
  const [awaitOutbox, setAwaitOutbox] = useState(false);
  useEffect(() => {
    if (!needsPair || fetching.current || (awaitOutbox && sending) || (postWillBringNext && !outboxStuck)) return;
    fetching.current = true;
    const wasSending = sending;
    fetch(`${base}/next?view=annotate&exclude=${encodeURIComponent(held)}`, { cache: "no-store" })
      .then(async (response) => {
        if (response.status === 204 && wasSending) {
          fetching.current = false;
          return setAwaitOutbox(true);
        }
        setAwaitOutbox(false);
        if (response.status === 204) return dispatch({ type: "pair-loaded", pair: null, now: Date.now() });
        if (response.status === 403) {
          const stop = qualityStopOf(await response.clone().json().catch(() => null));
          if (stop) return setStopped(stop);
        }
        if (!response.ok) throw new Error(await readErrorMessage(response, `HTTP ${response.status}`));
        const body = (await response.json()) as NextItemJson;
        setLoadError(null);
        dispatch({ type: "pair-loaded", pair: toAnnotateView(body), now: Date.now() });
      })
      .catch((error: Error) => setLoadError(`Could not load the next ${noun}: ${error.message}`))
      .finally(() => {
        fetching.current = false;
      });
  }, [needsPair, held, sending, awaitOutbox, postWillBringNext, outboxStuck, base, noun]);

  const submit = useCallback(() => {
    dispatch({
      type: "submit",
      now: Date.now(),
      clientId: newClientId(),
      requireRationale: config.requireRationale,
      attributeKeys: config.attributes.map((a) => a.key),
      attributeLabels: Object.fromEntries(config.attributes.map((a) => [a.key, a.label])),
      keys: config.options.flatMap((o) => (o.key ? [o.key] : [])),
      metadata: integritySignals(),
    });
  }, [config.requireRationale, config.attributes, config.options, integritySignals]);

  const undo = useCallback(async () => {
    if (state.history.length) return dispatch({ type: "undo", now: Date.now() });
    // After a reload the history is gone: ask the server for the last judgment.
    const response = await fetch(`${base}/judgments/mine`, { cache: "no-store" });
    if (response.status !== 200) return dispatch({ type: "undo", now: Date.now() });
    const judged = (await response.json()) as JudgedPairBody;
    // A ranking comes back as its ranking steps, in the order it was ranked in.
    const view = judged.kind === "ranking" ? toAnnotateView({ kind: "ranking", view: judged.view }) : judged.view;
    if (!view) return dispatch({ type: "undo", now: Date.now() });
    dispatch({
      type: "undo",
      now: Date.now(),
      entry: {
        pair: view,
        body: {
          item_id: judged.view.item_id,
          ...(judged.values.ranking ? { ranking: judged.values.ranking } : { preference: judged.values.preference }),
          rationale: judged.values.rationale,
          attributes: judged.values.attributes,
          flags: judged.values.flags.includes("both_bad") ? ["both_bad"] : [],
          client_id: judged.values.client_id,
          duration_ms: 0,
        },
      },
    });
  }, [state.history.length, base]);

  const current = state.current;
  const skip = useCallback(
    async (reason: string) => {
      setSkipOpen(false);
      if (!current) return;
      dispatch({ type: "skipped", now: Date.now() });
      const response = await fetch(`${base}/skips`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ item_id: current.item_id, reason }),
      }).catch(() => null);
      if (!response?.ok) setLoadError(`The skip was not saved; the ${noun} may come back later.`);
    },
    [current, base, noun],
  );

  // Keyboard: digits or arrows choose, Enter submits, U undoes, S skips, X flags both bad, G guidelines.
  // One listener for the screen's lifetime, reading the latest render through a
  // ref, instead of removing and adding it again on every state change.
  const keys = useRef({ options: config.options, phase: state.phase, current, submit, undo, guidelinesOpen, skipOpen });
  useLayoutEffect(() => {
    keys.current = { options: config.options, phase: state.phase, current, submit, undo, guidelinesOpen, skipOpen };
  });
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const { options, phase, current, submit, undo, guidelinesOpen, skipOpen } = keys.current;
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || guidelinesOpen || skipOpen) return;
      const target = event.target as HTMLElement | null;
      const typing = target?.tagName === "TEXTAREA" || target?.tagName === "INPUT" || target?.tagName === "SELECT";
      if (typing) {
        // Enter submits from the rationale and from a question's select (where a refusal may have put focus).
        if (event.key === "Enter" && !event.shiftKey && (target?.tagName === "TEXTAREA" || target?.tagName === "SELECT")) {
          event.preventDefault();
          submit();
        } else if (event.key === "Escape") target?.blur();
        return;
      }
      // A ranking item: digits place responses, = or T arms a tie, Backspace undoes a step.
      const rankStep = isRankingView(current) && phase === "judging" ? rankingKeyStep(event.key, current.responses.length, options.some((o) => o.value === 0)) : null;
      if (rankStep) {
        dispatch({ type: "rank", step: rankStep });
        event.preventDefault();
        return;
      }
      const values = options.map((o) => o.value);
      const option = options.find((o) => o.key === event.key);
      if (option && phase === "judging" && !isRankingView(current)) dispatch({ type: "select", display: option.value });
      else if (event.key === "ArrowLeft") dispatch({ type: "move", delta: -1, options: values });
      else if (event.key === "ArrowRight") dispatch({ type: "move", delta: 1, options: values });
      else if (event.key === "Enter") submit();
      else if (event.key === "u" || event.key === "U") void undo();
      else if ((event.key === "s" || event.key === "S") && current) setSkipOpen(true);
      else if (event.key === "x" || event.key === "X") dispatch({ type: "toggle-both-bad" });
      else if (event.key === "g" || event.key === "G") setGuidelinesOpen(true);
      else if (event.key === "r" || event.key === "R") document.getElementById(RATIONALE_ID)?.focus();
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // After each submit focus goes back to the pair (so the next digit chooses);
  // a refused submit moves focus to what is missing.
  const itemId = state.current?.item_id;
  // Any form control of the bar counts (the rationale, or a question's select,
  // where a digit would otherwise pick an answer on the next pair).
  useEffect(() => {
    const active = document.activeElement;
    if (active && active.closest("[data-testid=judge-bar]") && /^(TEXTAREA|SELECT|INPUT)$/.test(active.tagName))
      document.getElementById(PAIR_ID)?.focus({ preventScroll: true });
  }, [itemId]);
  useEffect(() => {
    if (!state.refusal) return;
    const { focusId } = state.refusal;
    document.getElementById(focusId)?.focus(focusId === PAIR_ID ? { preventScroll: true } : undefined);
  }, [state.refusal]);

  return (
    <main id={PAIR_ID} tabIndex={-1} className="flex flex-1 flex-col outline-none md:min-h-0">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-gray-200 bg-white px-4 py-2 text-sm">
        <h1 className="font-semibold">{config.projectName}</h1>
        <ProgressLine
          judgedThisSession={judgedThisSession}
          start={config.progress}
          judgedSinceLoad={state.judgedCount}
          skippedSinceLoad={state.skippedCount}
          exhausted={state.exhausted}
          held={state.queue.length + (state.current && !state.editing ? 1 : 0)}
          saving={state.outbox.length}
        />
        {state.editing ? <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">Changing your earlier judgment</span> : null}
        <button type="button" onClick={() => setGuidelinesOpen(true)} className="ml-auto rounded px-2 py-1 text-gray-700 hover:bg-gray-100">
          Guidelines <kbd>G</kbd>
        </button>
      </div>
      {outbox.problem || loadError || outbox.rejected ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          <span>{outbox.rejected ?? outbox.problem ?? loadError}</span>
          {outbox.problem ? (
            <button type="button" onClick={outbox.retryNow} className="rounded border border-amber-400 bg-white px-2 py-0.5">
              Retry now
            </button>
          ) : null}
          {outbox.rejected ? (
            <button type="button" onClick={outbox.dismissRejected} className="rounded border border-amber-400 bg-white px-2 py-0.5">
              Dismiss
            </button>
          ) : null}
        </div>
      ) : null}
      {stopped && !state.current ? (
        <QualityStopScreen projectName={config.projectName} stop={stopped} />
      ) : state.phase === "done" ? (
        <DoneScreen
          judged={judgedThisSession}
          skipped={config.progress.skipped + state.skippedCount}
          saving={state.outbox.length}
          onUndo={() => void undo()}
          hasRankingItems={config.hasRankingItems ?? false}
        />
      ) : state.current ? (
        <>
          {isRankingView(state.current) ? (
            <RankingPanes
              key={state.current.item_id}
              view={state.current}
              rank={state.values.rank}
              allowTies={config.options.some((o) => o.value === 0)}
              onStep={(step) => dispatch({ type: "rank", step })}
            />
          ) : (
            <PairPanes key={state.current.item_id} pair={state.current} />
          )}
          <JudgeBar
            options={config.options}
            attributes={config.attributes}
            requireRationale={config.requireRationale}
            values={state.values}
            formError={state.formError}
            dispatch={dispatch}
            onSubmit={submit}
            onUndo={() => void undo()}
            onSkip={() => setSkipOpen(true)}
            ranking={isRankingView(state.current)}
          />
        </>
      ) : (
        <p className="p-8 text-center text-gray-600" role="status">
          Loading the next pair…
        </p>
      )}
      {outbox.feedback ? (
        <GoldFeedbackPanel
          feedback={outbox.feedback}
          swapped={swappedOf(state.history.find((h) => h.body.item_id === outbox.feedback?.itemId)?.pair)}
          shownOrder={shownOrderOf(state.history.find((h) => h.body.item_id === outbox.feedback?.itemId)?.pair)}
          options={config.options}
          onDismiss={outbox.dismissFeedback}
        />
      ) : null}
      {guidelinesOpen ? <GuidelinesDialog html={config.guidelinesHtml} onClose={() => setGuidelinesOpen(false)} /> : null}
      {skipOpen ? <SkipDialog onSkip={(reason) => void skip(reason)} onCancel={() => setSkipOpen(false)} ranking={isRankingView(state.current)} /> : null}
    </main>
  );
}

function swappedOf(view: AnnotateView | undefined): boolean {
  return view && !isRankingView(view) ? view.swapped : false;
}

function shownOrderOf(view: AnnotateView | undefined): number[] | undefined {
  return isRankingView(view) ? view.responses.map((r) => r.index) : undefined;
}
