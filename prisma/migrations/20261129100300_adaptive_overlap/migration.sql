-- Issue 14, item 1: adaptive overlap (docs/formats.md, "Adaptive overlap").
-- A project may judge each item at least "overlapMin" (k) and at most
-- "overlapMax" (K) times and stop in between when the judgments agree enough.
-- Null k/K: the fixed "overlap", i.e. the rule with k = K = overlap.
ALTER TABLE "Project" ADD COLUMN "overlapMin" INTEGER;
ALTER TABLE "Project" ADD COLUMN "overlapMax" INTEGER;
ALTER TABLE "Project" ADD COLUMN "stopShare" DOUBLE PRECISION NOT NULL DEFAULT 0.75;
ALTER TABLE "Project" ADD COLUMN "stopOn" TEXT NOT NULL DEFAULT 'share';

-- The rule's state, on the item row that leasing locks: the judgments by
-- direction (item's own A/B terms) and why the item is finished (null: open).
ALTER TABLE "Item" ADD COLUMN "votesA" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Item" ADD COLUMN "votesB" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Item" ADD COLUMN "votesTie" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Item" ADD COLUMN "stopReason" TEXT;

-- The stopping rule, in SQL. It must agree with lib/assignment/stopping-rule.ts
-- (the one definition) bit for bit: the Wilson bound is computed in the same
-- order of IEEE double operations (tested on random vote sequences in
-- lib/assignment/stopping-rule-sql.test.ts).
CREATE FUNCTION "pw_stop_reason"(va INTEGER, vb INTEGER, vt INTEGER, k INTEGER, kmax INTEGER, share DOUBLE PRECISION, stop_on TEXT)
RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  n INTEGER := va + vb + vt;
  m INTEGER := GREATEST(va, vb, vt);
  z DOUBLE PRECISION := 1.6448536269514722;
  p DOUBLE PRECISION;
  z2 DOUBLE PRECISION;
  den DOUBLE PRECISION;
  centre DOUBLE PRECISION;
  half DOUBLE PRECISION;
BEGIN
  IF n >= kmax THEN RETURN 'max'; END IF;
  IF n < k OR n = 0 THEN RETURN NULL; END IF;
  IF m = n THEN RETURN 'unanimous'; END IF;
  p := m::DOUBLE PRECISION / n::DOUBLE PRECISION;
  IF stop_on = 'share' THEN
    RETURN CASE WHEN p >= share THEN 'share' END;
  END IF;
  z2 := z * z;
  den := 1 + z2 / n::DOUBLE PRECISION;
  centre := (p + z2 / (2 * n)::DOUBLE PRECISION) / den;
  half := (z * sqrt((p * (1 - p)) / n::DOUBLE PRECISION + z2 / (4 * n * n)::DOUBLE PRECISION)) / den;
  RETURN CASE WHEN GREATEST(0, centre - half) >= share THEN 'bound' END;
END $$;

-- Every writer of Judgment (submit, import, undo of an import, an edit of
-- one's own judgment, deletes and cascades) moves the votes and the stop
-- state here, per statement, so none can forget it.
CREATE FUNCTION "pw_judgment_votes"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  ids TEXT[];
  da INTEGER[];
  db INTEGER[];
  dt INTEGER[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(s.id), array_agg(s.a), array_agg(s.b), array_agg(s.t) INTO ids, da, db, dt FROM (
      SELECT "itemId" AS id, count(*) FILTER (WHERE "preference" < 0)::int AS a, count(*) FILTER (WHERE "preference" > 0)::int AS b,
             count(*) FILTER (WHERE "preference" = 0)::int AS t
      FROM new_rows GROUP BY 1 ORDER BY 1) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(s.id), array_agg(s.a), array_agg(s.b), array_agg(s.t) INTO ids, da, db, dt FROM (
      SELECT "itemId" AS id, -count(*) FILTER (WHERE "preference" < 0)::int AS a, -count(*) FILTER (WHERE "preference" > 0)::int AS b,
             -count(*) FILTER (WHERE "preference" = 0)::int AS t
      FROM old_rows GROUP BY 1 ORDER BY 1) s;
  ELSE
    SELECT array_agg(s.id), array_agg(s.a), array_agg(s.b), array_agg(s.t) INTO ids, da, db, dt FROM (
      SELECT x.id, sum(x.a)::int AS a, sum(x.b)::int AS b, sum(x.t)::int AS t FROM (
        SELECT "itemId" AS id, coalesce("preference" < 0, false)::int AS a, coalesce("preference" > 0, false)::int AS b, coalesce("preference" = 0, false)::int AS t FROM new_rows
        UNION ALL
        SELECT "itemId", -coalesce("preference" < 0, false)::int, -coalesce("preference" > 0, false)::int, -coalesce("preference" = 0, false)::int FROM old_rows
      ) x GROUP BY 1 HAVING sum(x.a) <> 0 OR sum(x.b) <> 0 OR sum(x.t) <> 0 ORDER BY 1) s;
  END IF;
  IF ids IS NULL THEN RETURN NULL; END IF;
  UPDATE "Item" i SET "votesA" = i."votesA" + d.a, "votesB" = i."votesB" + d.b, "votesTie" = i."votesTie" + d.t
  FROM unnest(ids, da, db, dt) AS d(id, a, b, t)
  WHERE i."id" = d.id;
  RETURN NULL;
END $$;

-- Whenever an item's votes are written, its stop state is decided again, from
-- its project's rule (null k/K: the fixed overlap, k = K = overlap).
CREATE FUNCTION "pw_item_stop"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  SELECT "pw_stop_reason"(NEW."votesA", NEW."votesB", NEW."votesTie",
    COALESCE(p."overlapMin", p."overlap"), COALESCE(p."overlapMax", p."overlap"), p."stopShare", p."stopOn")
  INTO NEW."stopReason" FROM "Project" p WHERE p."id" = NEW."projectId";
  RETURN NEW;
END $$;

CREATE TRIGGER "Item_stop" BEFORE UPDATE OF "votesA", "votesB", "votesTie" ON "Item"
  FOR EACH ROW EXECUTE FUNCTION "pw_item_stop"();
-- An item inserted with votes already (never by the app, which counts them
-- from judgments) is decided too; a plain insert pays nothing.
CREATE TRIGGER "Item_stop_insert" BEFORE INSERT ON "Item"
  FOR EACH ROW WHEN (NEW."votesA" + NEW."votesB" + NEW."votesTie" > 0) EXECUTE FUNCTION "pw_item_stop"();

CREATE TRIGGER "Judgment_votes_insert" AFTER INSERT ON "Judgment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "pw_judgment_votes"();
CREATE TRIGGER "Judgment_votes_update" AFTER UPDATE ON "Judgment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "pw_judgment_votes"();
CREATE TRIGGER "Judgment_votes_delete" AFTER DELETE ON "Judgment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "pw_judgment_votes"();

-- A change of the rule re-decides every item of the project (raising the
-- overlap reopens full items, as it always did).
CREATE FUNCTION "pw_project_rule_changed"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Item" i SET "stopReason" = s.r
  FROM (
    SELECT it."id", "pw_stop_reason"(it."votesA", it."votesB", it."votesTie",
      COALESCE(NEW."overlapMin", NEW."overlap"), COALESCE(NEW."overlapMax", NEW."overlap"), NEW."stopShare", NEW."stopOn") AS r
    FROM "Item" it WHERE it."projectId" = NEW."id"
  ) s
  WHERE i."id" = s."id" AND i."stopReason" IS DISTINCT FROM s.r;
  RETURN NULL;
END $$;

CREATE TRIGGER "Project_rule_changed" AFTER UPDATE OF "overlap", "overlapMin", "overlapMax", "stopShare", "stopOn" ON "Project"
  FOR EACH ROW
  WHEN (OLD."overlap" IS DISTINCT FROM NEW."overlap" OR OLD."overlapMin" IS DISTINCT FROM NEW."overlapMin"
        OR OLD."overlapMax" IS DISTINCT FROM NEW."overlapMax" OR OLD."stopShare" IS DISTINCT FROM NEW."stopShare"
        OR OLD."stopOn" IS DISTINCT FROM NEW."stopOn")
  EXECUTE FUNCTION "pw_project_rule_changed"();

-- Backfill: every item's votes from the judgments already there (the
-- Item_stop trigger decides its state from them).
UPDATE "Item" i SET "votesA" = COALESCE(c.a, 0), "votesB" = COALESCE(c.b, 0), "votesTie" = COALESCE(c.t, 0)
FROM "Item" it LEFT JOIN (
  SELECT "itemId", count(*) FILTER (WHERE "preference" < 0)::int AS a, count(*) FILTER (WHERE "preference" > 0)::int AS b,
         count(*) FILTER (WHERE "preference" = 0)::int AS t
  FROM "Judgment" GROUP BY 1
) c ON c."itemId" = it."id"
WHERE i."id" = it."id";

-- The candidate range of leasing: open (unfinished, not gold) items only,
-- however many finished ones there are.
CREATE INDEX "Item_open_candidates_idx" ON "Item"("projectId", "judgmentCount", "createdAt")
  WHERE "stopReason" IS NULL AND "goldPreference" IS NULL;
-- Finished items by reason, counted from the index alone.
CREATE INDEX "Item_projectId_stopReason_idx" ON "Item"("projectId", "stopReason");
