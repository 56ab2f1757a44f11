-- Issue 15, item 3: ranking items (K = 3..9 responses), ranked by annotators.
-- A ranking item holds its responses in "responses" ([{text, model?}], 3..9) and
-- empty responseA/responseB; a pair item has responses NULL (docs/formats.md).
ALTER TABLE "Item" ADD COLUMN "responses" JSONB;
ALTER TABLE "Item" ADD COLUMN "goldRanking" JSONB;
ALTER TABLE "Item" ADD CONSTRAINT "Item_ranking_shape" CHECK (
  "responses" IS NULL OR (jsonb_typeof("responses") = 'array' AND jsonb_array_length("responses") BETWEEN 3 AND 9)
);
ALTER TABLE "Item" ADD CONSTRAINT "Item_gold_ranking_kind" CHECK ("goldRanking" IS NULL OR "responses" IS NOT NULL);

-- The display order of a ranking item's responses for this lease: a permutation
-- of 0..K-1, display position -> item index (empty for a pair item).
ALTER TABLE "Assignment" ADD COLUMN "displayOrder" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[];
ALTER TABLE "CheckAnswer" ADD COLUMN "displayOrder" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[];
ALTER TABLE "CheckAnswer" ADD COLUMN "ranking" JSONB;
ALTER TABLE "CheckAnswer" ADD COLUMN "firstRanking" JSONB;

-- A judgment of a ranking item: tiers best first in item indices; preference is NULL.
ALTER TABLE "Judgment" ALTER COLUMN "preference" DROP NOT NULL;
ALTER TABLE "Judgment" ADD COLUMN "ranking" JSONB;
ALTER TABLE "Judgment" ADD COLUMN "shownOrder" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[];
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_preference_or_ranking" CHECK (("preference" IS NULL) <> ("ranking" IS NULL));

-- The one SQL statement of the pair expansion (docs/formats.md, "Implied pairs");
-- lib/ranking-items/implied-pairs.ts is the same rule in TypeScript. For every
-- pair of item indices a < b: the preference in the item's own terms (negative:
-- a is better), its strength the difference of the two tiers, capped at the scale.
CREATE FUNCTION "ranking_implied_pairs"(ranking JSONB, scale INTEGER)
RETURNS TABLE ("a" INTEGER, "b" INTEGER, "preference" INTEGER)
LANGUAGE sql IMMUTABLE AS $$
  WITH ranks AS (
    SELECT (e.value)::int AS idx, (t.ord)::int AS tier
    FROM jsonb_array_elements(ranking) WITH ORDINALITY AS t(members, ord)
    CROSS JOIN LATERAL jsonb_array_elements_text(t.members) AS e(value)
  )
  SELECT x.idx, y.idx, sign(x.tier - y.tier)::int * least(abs(x.tier - y.tier), scale)::int
  FROM ranks x JOIN ranks y ON x.idx < y.idx
  ORDER BY x.idx, y.idx
$$;
