import { hasReferences } from "./store";
import { getSourceAgreement } from "./source-agreement";

/** The data card's "agreement with the source" (docs/formats.md, "card"): null when the project holds no reference labels. */
export type SourceAgreementCard = {
  sentence: string;
  sources: string[];
  reference_items: number;
  judged_items: number;
  agree: number;
  rate: number | null;
  interval: { low: number; high: number } | null;
  overturned: number;
} | null;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Over the whole project (not the export's filters): the consensus against the reference labels.
 *
 * @internal caller has checked access
 */
export async function sourceAgreementCard(projectId: string): Promise<SourceAgreementCard> {
  if (!(await hasReferences(projectId))) return null;
  const figures = await getSourceAgreement({ projectId, limit: 0 });
  const { overall } = figures;
  const sentence =
    overall.total === 0
      ? `${figures.reference_items} items came with a label from ${figures.sources.join(", ")}; none has been judged yet.`
      : `On ${overall.total} judged items imported with a label from ${figures.sources.join(", ")}, the annotators' consensus picked the source's choice on ${overall.agree} (${pct(overall.rate!)}, 95% CI ${pct(overall.interval!.low)}–${pct(overall.interval!.high)}) and overturned it on ${figures.total_overturned}.`;
  return {
    sentence,
    sources: figures.sources,
    reference_items: figures.reference_items,
    judged_items: figures.judged_items,
    agree: overall.agree,
    rate: overall.rate,
    interval: overall.interval,
    overturned: figures.total_overturned,
  };
}
