"use client";

import { useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { useTouch } from "./use-touch";
import { ordinal, placedCount, type RankOp, type RankState } from "./ranking-steps";

type Props = { k: number; rank: RankState; allowTies: boolean; onStep: (step: RankOp) => void };
type Drag = { position: number; startY: number; dy: number; mids: number[]; slot: number };

/**
 * The order built so far, best first: beside the cards on desktop, below
 * them on phones. Each placed response can be dragged by its handle (pointer
 * events, so mouse, pen and touch alike) or moved with its ↑ ↓ buttons, the
 * accessible fallback; the responses not placed yet are one tap away. The
 * keys are listed here as well (README, "Ranking items").
 */
export function RankList({ k, rank, allowTies, onStep }: Props) {
  const rows = rank.tiers.flatMap((tier, t) => tier.map((position) => ({ position, tier: t, tied: tier.length > 1 })));
  const unplaced = Array.from({ length: k }, (_, p) => p).filter((p) => !rows.some((r) => r.position === p));
  const lastGoesLast = placedCount(rank) === k - 1;
  const refs = useRef(new Map<number, HTMLLIElement>());
  const [drag, setDrag] = useState<Drag | null>(null);
  // No key talk on touch screens (tablets included), as the judge bar does.
  const touch = useTouch();

  function startDrag(event: ReactPointerEvent<HTMLElement>, position: number) {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    // Midpoints of the other rows, top to bottom, measured once: the drop slot is how many the pointer is below.
    const mids = rows
      .filter((r) => r.position !== position)
      .map((r) => {
        const box = refs.current.get(r.position)?.getBoundingClientRect();
        return box ? box.top + box.height / 2 : 0;
      });
    const own = refs.current.get(position)?.getBoundingClientRect();
    const y = own ? own.top + own.height / 2 : event.clientY;
    setDrag({ position, startY: event.clientY, dy: 0, mids, slot: mids.filter((m) => m < y).length });
  }

  function moveDrag(event: ReactPointerEvent<HTMLElement>) {
    if (!drag) return;
    const dy = event.clientY - drag.startY;
    const own = refs.current.get(drag.position)?.getBoundingClientRect();
    const y = (own ? own.top + own.height / 2 - drag.dy : drag.startY) + dy;
    setDrag({ ...drag, dy, slot: drag.mids.filter((m) => m < y).length });
  }

  function endDrag() {
    if (!drag) return;
    const others = rows.filter((r) => r.position !== drag.position);
    // Dropped before another response: the moved one takes that response's tier, alone; after all: last.
    const before = others[drag.slot];
    const restTiers = rank.tiers.map((tier) => tier.filter((p) => p !== drag.position)).filter((tier) => tier.length > 0);
    const to = before ? restTiers.findIndex((tier) => tier.includes(before.position)) : restTiers.length;
    setDrag(null);
    onStep({ op: "move-to", position: drag.position, to });
  }

  return (
    <aside aria-label="Your ranking" data-testid="rank-list" className="shrink-0 rounded-lg border border-gray-200 bg-white p-3 text-sm md:max-h-full md:w-72 md:self-start md:overflow-auto">
      <h2 className="font-semibold text-gray-800">Your ranking, best first</h2>
      <p className="mt-0.5 text-xs text-gray-600" data-testid="rank-hint">
        <span className={touch ? "hidden" : "hidden sm:inline"}>
          Press the numbers best to worst. <kbd>Backspace</kbd> undoes a step{allowTies ? <>; <kbd>=</kbd> or <kbd>T</kbd> then a number ties it with the one before</> : null}.{" "}
        </span>
        Drag <span aria-hidden>⠿</span> or use ↑ ↓ to reorder.
      </p>
      {rows.length === 0 ? <p className="mt-2 text-gray-500">Nothing ranked yet.</p> : null}
      <ol className="mt-2 flex flex-col gap-1" aria-label="Ranked responses">
        {rows.map((row) => {
          const dragging = drag?.position === row.position;
          const gapAbove = drag && !dragging && drag.slot === rows.filter((r) => r.position !== drag.position).findIndex((r) => r.position === row.position);
          return (
            <li
              key={row.position}
              ref={(el) => {
                if (el) refs.current.set(row.position, el);
                else refs.current.delete(row.position);
              }}
              data-testid="rank-row"
              data-position={row.position + 1}
              style={dragging ? { transform: `translateY(${drag.dy}px)` } : undefined}
              className={`flex items-center gap-1.5 rounded-md border px-1.5 py-1 ${dragging ? "relative z-10 border-blue-700 bg-blue-50 shadow" : "border-gray-200 bg-white"} ${
                gapAbove ? "border-t-4 border-t-blue-600" : ""
              }`}
            >
              <span
                role="presentation"
                onPointerDown={(e) => startDrag(e, row.position)}
                onPointerMove={moveDrag}
                onPointerUp={endDrag}
                onPointerCancel={() => setDrag(null)}
                data-testid="drag-handle"
                className="cursor-grab touch-none select-none px-1 text-lg leading-none text-gray-500"
                title="Drag to reorder"
              >
                ⠿
              </span>
              <span className="w-9 shrink-0 text-xs font-semibold text-blue-800">{ordinal(row.tier + 1)}</span>
              <span className="min-w-0 flex-1 truncate">
                Response {row.position + 1}
                {row.tied ? <span className="sr-only"> (tie)</span> : null}
              </span>
              <MoveButton label={`Move response ${row.position + 1} up`} onClick={() => onStep({ op: "move-by", position: row.position, delta: -1 })}>
                ↑
              </MoveButton>
              <MoveButton label={`Move response ${row.position + 1} down`} onClick={() => onStep({ op: "move-by", position: row.position, delta: 1 })}>
                ↓
              </MoveButton>
            </li>
          );
        })}
        {drag && drag.slot === rows.length - 1 ? <li aria-hidden className="h-1 rounded bg-blue-600" /> : null}
      </ol>
      {rank.tiePending ? (
        <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-amber-900" role="status">
          Tie: the next response joins the {ordinal(rank.tiers.length)} place.
        </p>
      ) : null}
      {unplaced.length ? (
        <div className="mt-2 border-t border-gray-100 pt-2">
          <p className="text-xs text-gray-600">{lastGoesLast ? "Goes last unless you place it:" : "Not ranked yet (tap to rank next):"}</p>
          <div className="mt-1 flex flex-wrap gap-1.5">
            {unplaced.map((position) => (
              <button
                key={position}
                type="button"
                onClick={() => onStep({ op: "place", position })}
                className="min-h-9 rounded-md border border-dashed border-gray-400 bg-white px-2.5 py-1 hover:bg-gray-50"
              >
                Response {position + 1}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {rows.length ? (
        <div className="mt-2 flex flex-wrap gap-1.5">
          <button type="button" onClick={() => onStep({ op: "back" })} className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-50">
            Undo step <kbd className="hidden sm:inline">Backspace</kbd>
          </button>
          {allowTies && unplaced.length ? (
            <button
              type="button"
              aria-pressed={rank.tiePending}
              onClick={() => onStep({ op: "tie" })}
              className={`rounded border px-2 py-0.5 text-xs ${rank.tiePending ? "border-amber-600 bg-amber-100 text-amber-950" : "border-gray-300 hover:bg-gray-50"}`}
            >
              Next ties with {ordinal(rank.tiers.length)} <kbd className="hidden sm:inline">=</kbd>
            </button>
          ) : null}
        </div>
      ) : null}
    </aside>
  );
}

function MoveButton({ label, onClick, children }: { label: string; onClick: () => void; children: string }) {
  return (
    <button type="button" aria-label={label} title={label} onClick={onClick} className="min-h-8 min-w-8 rounded border border-gray-300 bg-white text-gray-700 hover:bg-gray-50">
      {children}
    </button>
  );
}
