import type { PairView } from "@/lib/validations/annotate-response";

const roleLabel = { system: "System", user: "User", assistant: "Assistant" } as const;

/**
 * The prompt on top (a chat as turns) and the two responses side by side,
 * each scrolling on its own; stacked on narrow screens. The HTML was rendered
 * and sanitised on the server (lib/markdown), where raw HTML became text.
 */
export function PairPanes({ pair }: { pair: PairView }) {
  return (
    <div className="flex flex-1 flex-col gap-3 p-3 md:min-h-0 md:p-4">
      <section aria-label="Prompt" className="shrink-0 md:max-h-[32vh] md:overflow-auto rounded-lg border border-gray-200 bg-white px-4 py-3">
        {pair.prompt_turns.map((turn, index) => (
          <div key={index} className={index ? "mt-3 border-t border-gray-100 pt-3" : ""}>
            {pair.prompt_turns.length > 1 || turn.role !== "user" ? (
              <div className="mb-1 text-xs font-semibold uppercase tracking-wide text-gray-500">{roleLabel[turn.role]}</div>
            ) : null}
            <div className="prose-pw" dangerouslySetInnerHTML={{ __html: turn.html }} />
          </div>
        ))}
      </section>
      <div className="grid grid-cols-1 gap-3 md:min-h-0 md:flex-1 md:grid-cols-2">
        <ResponsePane label="A" side="left" html={pair.left_html} />
        <ResponsePane label="B" side="right" html={pair.right_html} />
      </div>
    </div>
  );
}

function ResponsePane({ label, side, html }: { label: string; side: string; html: string }) {
  return (
    <section
      aria-label={`Response ${label}`}
      className="flex flex-col rounded-lg border border-gray-200 bg-white md:min-h-0"
      data-side={side}
    >
      <h2 className="shrink-0 border-b border-gray-100 px-4 py-2 text-sm font-semibold text-gray-700">
        Response {label}
      </h2>
      <div tabIndex={0} className="prose-pw px-4 py-3 md:min-h-0 md:flex-1 md:overflow-auto" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
