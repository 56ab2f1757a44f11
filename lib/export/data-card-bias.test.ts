import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { getProjectBias } from "@/lib/bias/project-bias";
import { buildDataCard } from "./build-data-card";
import { renderDataCardMarkdown } from "./render-data-card-markdown";
import { seedExportFixture } from "./test-fixtures";

withTestDb();
let projectId: string;
beforeAll(async () => {
  ({ project: { id: projectId } } = await seedExportFixture());
});

describe("the data card's bias figures", () => {
  it("are the project-level bias figures over the card's judgments, read out in sentences", async () => {
    const card = await buildDataCard({ projectId });
    const bias = await getProjectBias({ projectId });
    // No filters: the card's judgments are the project's.
    expect(card.bias.position).toEqual(bias.position);
    expect(card.bias.features).toEqual(bias.features);
    expect(card.bias.judgments).toBe(card.agreement.judgments);
    expect(card.bias.sentences).toHaveLength(6);
    expect(card.bias.sentences[0]).toMatch(/^(The response shown on the left won|No non-tie judgments)/);
    // side_bias.overall: the same tallies as the per-annotator side bias, summed.
    expect(card.side_bias.overall).toBe(card.bias.position.share);
    const md = renderDataCardMarkdown(card);
    expect(md).toContain("## Bias\n\n- " + card.bias.sentences[0]);
  });
});
