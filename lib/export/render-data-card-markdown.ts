import type { DataCard } from "./build-data-card";

/** A figure for people: 3 decimals, "—" where the metric is undefined. */
function num(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** Table cells may not hold pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

/**
 * Text a lead typed (project name, labels) on one line with HTML's special
 * characters as entities: a card is rendered and shared, so no tag, comment
 * or line break of theirs may reach it as markup.
 */
function plain(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * The guidelines as a fenced text block, shown as written: no HTML of theirs
 * passes, their headings stay inside the card's section, and the fence is
 * longer than any run of backticks in them, so nothing in them can close it.
 */
function fenced(text: string): string {
  if (text.trim() === "") return "_(no guidelines)_";
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${text.replace(/\s+$/, "")}\n${fence}`;
}

/** The data card as readable markdown, for the UI and the `.md` download. */
export function renderDataCardMarkdown(card: DataCard): string {
  const { counts, agreement, filters } = card;
  const per = counts.judgments_per_annotator;
  const filterText = [
    filters.min_judgments !== null ? `min_judgments = ${filters.min_judgments}` : null,
    filters.min_agreement !== null ? `min_agreement = ${filters.min_agreement}` : null,
    filters.exclude_gold ? "exclude_gold" : null,
    filters.ties !== null ? `ties = ${filters.ties}` : null,
    filters.prompt_format !== null ? `prompt_format = ${filters.prompt_format}` : null,
    filters.both_bad === "drop" ? "both_bad = drop" : null,
    filters.from ? `from ${filters.from}` : null,
    filters.to ? `to ${filters.to} (exclusive)` : null,
  ].filter((f): f is string => f !== null);

  const sections = [
    `# Data card: ${plain(card.project.name)}`,
    `Project \`${card.project.slug}\` · generated ${card.generated_at} by ${card.software.name} ${card.software.version}`,
    "## Collection",
    [
      `- **Scale:** −${card.scale}..${card.scale}, ${card.labels.length} points, ties ${card.allow_tie ? "allowed" : "not allowed"}`,
      `- **Labels:** ${card.labels.map((l) => `${l.value} ${plain(l.label)}`).join(" · ")}`,
      `- **Judgments wanted per item (overlap):** ${card.overlap}`,
      `- **Judgments made:** ${card.date_range.first ?? "—"} to ${card.date_range.last ?? "—"}`,
      `- **Export format:** ${card.format}`,
      card.consensus ? `- **Consensus:** ${card.consensus === "reliability" ? "reliability (Dawid–Skene posterior; each line carries p_chosen)" : "majority (mean preference)"}` : "",
      `- **Filters of this export:** ${filterText.join(", ") || "none"}`,
    ].filter((line) => line !== "").join("\n"),
    "## Counts",
    table(["Items", "Items judged", "Judgments", "Annotators", "Judgments per annotator (min / median / max)", "Tie rate"], [
      [num(counts.items), num(counts.items_judged), num(counts.judgments), num(counts.annotators), `${num(per.min)} / ${num(per.median, 1)} / ${num(per.max)}`, num(card.tie_rate)],
    ]),
    "## Agreement",
    table(["Metric", "Value"], [
      ["Percent agreement", num(agreement.percent_agreement)],
      ["Mean Cohen's κ (pairs sharing ≥ 10 items)", num(agreement.mean_cohen_kappa)],
      ["Fleiss' κ", num(agreement.fleiss_kappa)],
      ["Krippendorff's α, nominal (A / tie / B)", num(agreement.krippendorff_alpha_nominal)],
      ["Krippendorff's α, ordinal (preference)", num(agreement.krippendorff_alpha_ordinal)],
      ["Krippendorff's α, interval (preference)", num(agreement.krippendorff_alpha_interval)],
      ["Items with two or more judgments", num(agreement.items_with_multiple_judgments)],
      ["Side bias, all annotators (share choosing the left response; 0.5 is unbiased)", num(card.side_bias.overall)],
    ]),
    "### Per annotator",
    agreement.per_annotator.length === 0
      ? "_No judgments._"
      : table(["Annotator", "Judgments", "Agreement with majority", "Side bias", "Tie rate", "Median time (s)"],
          agreement.per_annotator.map((a) => [a.annotator, num(a.judgments), num(a.majority_agreement), num(a.side_bias), num(a.tie_rate), num(a.median_duration_ms === null ? null : a.median_duration_ms / 1000, 1)])),
    "### Annotator quality (whole project)",
    `Computed from the project's judgments as of ${card.quality_as_of.replace("T", " ").slice(0, 19)} UTC.`,
    Object.keys(card.quality).length === 0
      ? "_No annotators._"
      : table(["Annotator", "Reliability", "Gold accuracy", "Gold answered", "Self-consistency", "Re-checks", "Agreement with majority"],
          Object.entries(card.quality).map(([annotator, q]) => [annotator, num(q.reliability), num(q.gold_accuracy), num(q.gold_answered), num(q.self_consistency), num(q.rechecks), num(q.majority_agreement)])),
    "## Bias",
    card.bias.sentences.map((sentence) => `- ${sentence}`).join("\n"),
    card.source_agreement ? `## Agreement with the source\n\n${plain(card.source_agreement.sentence)}` : "",
    "## Guidelines",
    `Version ${card.guidelines.version}, SHA-256 \`${card.guidelines.sha256}\`.`,
    card.guidelines.versions.length > 1
      ? table(["Version", "SHA-256", "Created", "Judgments in this export"],
          card.guidelines.versions.map((v) => [String(v.version), v.sha256 ? `\`${v.sha256.slice(0, 12)}…\`` : "—", v.created_at ?? "—", num(v.judgments)]))
      : "",
    fenced(card.guidelines.text),
  ];
  return sections.filter((s) => s !== "").join("\n\n") + "\n";
}
