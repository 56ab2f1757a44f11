-- Sufficient statistics for agreement and the leaderboard (docs/architecture.md,
-- "Agreement and leaderboard statistics"), kept by triggers on "Judgment" so that
-- every write path (submit, import, patch/undo, deletes, cascades) keeps them.
-- Gold items are checks, not data: their judgments are never counted.

-- One row per non-gold item holding at least one judgment: who judged it and
-- what they chose, in insertion order. It is the per-item state the triggers
-- diff against (and the lock that serializes writes to one item), so a
-- multi-row INSERT or DELETE touching one item several times stays exact.
CREATE TABLE "ItemLabelStat" (
  "itemId" TEXT NOT NULL PRIMARY KEY,
  "projectId" TEXT NOT NULL,
  "modelA" TEXT NOT NULL,
  "modelB" TEXT NOT NULL,
  "shard" SMALLINT NOT NULL,
  "users" TEXT[] NOT NULL,
  "prefs" INTEGER[] NOT NULL
);
CREATE INDEX "ItemLabelStat_projectId_idx" ON "ItemLabelStat" ("projectId");

-- Items per label pattern (the sorted multiset of preferences an item holds),
-- sharded by item so concurrent submits rarely update the same row.
CREATE TABLE "AgreementPatternStat" (
  "projectId" TEXT NOT NULL,
  "pattern" INTEGER[] NOT NULL,
  "shard" SMALLINT NOT NULL,
  "items" BIGINT NOT NULL,
  PRIMARY KEY ("projectId", "pattern", "shard")
);

-- Cohen's κ tables: for each pair of annotators (user ids in text order) the
-- items both judged, by the choice (0 A, 1 tie, 2 B) of each.
CREATE TABLE "AnnotatorPairStat" (
  "projectId" TEXT NOT NULL,
  "userLo" TEXT NOT NULL,
  "userHi" TEXT NOT NULL,
  "choiceLo" SMALLINT NOT NULL,
  "choiceHi" SMALLINT NOT NULL,
  "n" BIGINT NOT NULL,
  PRIMARY KEY ("projectId", "userLo", "userHi", "choiceLo", "choiceHi")
);

-- Judgments per annotator (of non-gold items): who the annotators are.
CREATE TABLE "AnnotatorLabelStat" (
  "projectId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "n" BIGINT NOT NULL,
  PRIMARY KEY ("projectId", "userId")
);

-- Leaderboard: judgments per (item's model A, model B, sign of preference);
-- '' stands for a missing model name. Sharded like the patterns.
CREATE TABLE "ModelPairStat" (
  "projectId" TEXT NOT NULL,
  "modelA" TEXT NOT NULL,
  "modelB" TEXT NOT NULL,
  "outcome" SMALLINT NOT NULL,
  "shard" SMALLINT NOT NULL,
  "n" BIGINT NOT NULL,
  PRIMARY KEY ("projectId", "modelA", "modelB", "outcome", "shard")
);

-- The one place where a judgment enters (sign 1) or leaves (sign -1) the
-- statistics. Everything else (triggers, backfill) calls it.
CREATE FUNCTION pw_stats_apply(p_item TEXT, p_user TEXT, p_pref INTEGER, p_sign INTEGER) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  s "ItemLabelStat"%ROWTYPE;
  it RECORD;
  pos INTEGER;
  mine SMALLINT := (sign(p_pref) + 1)::SMALLINT;
  old_pattern INTEGER[];
  new_pattern INTEGER[];
  new_users TEXT[];
  new_prefs INTEGER[];
BEGIN
  SELECT * INTO s FROM "ItemLabelStat" WHERE "itemId" = p_item FOR UPDATE;
  IF NOT FOUND THEN
    IF p_sign < 0 THEN RETURN; END IF;
    SELECT i."projectId", i."goldPreference", i."modelA", i."modelB" INTO it FROM "Item" i WHERE i."id" = p_item;
    IF NOT FOUND OR it."goldPreference" IS NOT NULL THEN RETURN; END IF;
    INSERT INTO "ItemLabelStat" ("itemId", "projectId", "modelA", "modelB", "shard", "users", "prefs")
      VALUES (p_item, it."projectId", COALESCE(it."modelA", ''), COALESCE(it."modelB", ''), (abs(hashtext(p_item)) % 16)::SMALLINT, '{}', '{}')
      ON CONFLICT ("itemId") DO NOTHING;
    SELECT * INTO s FROM "ItemLabelStat" WHERE "itemId" = p_item FOR UPDATE;
  END IF;

  pos := array_position(s."users", p_user);
  IF p_sign > 0 THEN
    IF pos IS NOT NULL THEN RAISE EXCEPTION 'pw_stats_apply: % already counted on item %', p_user, p_item; END IF;
    new_users := s."users" || p_user;
    new_prefs := s."prefs" || p_pref;
  ELSE
    IF pos IS NULL THEN RETURN; END IF;
    new_users := s."users"[1:pos - 1] || s."users"[pos + 1:];
    new_prefs := s."prefs"[1:pos - 1] || s."prefs"[pos + 1:];
  END IF;

  -- Cohen tables: this judgment against every other judgment of the item,
  -- one statement in key order, so two submits lock shared rows in the same
  -- order and cannot deadlock each other.
  INSERT INTO "AnnotatorPairStat" AS t ("projectId", "userLo", "userHi", "choiceLo", "choiceHi", "n")
  SELECT s."projectId", least(p_user, o.u), greatest(p_user, o.u),
         CASE WHEN p_user < o.u THEN mine ELSE (sign(o.p) + 1)::SMALLINT END,
         CASE WHEN p_user < o.u THEN (sign(o.p) + 1)::SMALLINT ELSE mine END, p_sign
    FROM unnest(new_users, new_prefs) AS o(u, p)
   WHERE o.u <> p_user
   ORDER BY 2, 3, 4, 5
  ON CONFLICT ("projectId", "userLo", "userHi", "choiceLo", "choiceHi") DO UPDATE SET "n" = t."n" + EXCLUDED."n";

  -- Pattern histogram: the item moves from its old pattern to its new one.
  -- The two rows are locked in pattern order, again so that concurrent
  -- submits take shared rows in one order.
  old_pattern := (SELECT array_agg(v ORDER BY v) FROM unnest(s."prefs") v);
  new_pattern := (SELECT array_agg(v ORDER BY v) FROM unnest(new_prefs) v);
  IF new_pattern IS NOT NULL AND (old_pattern IS NULL OR new_pattern < old_pattern) THEN
    INSERT INTO "AgreementPatternStat" AS t ("projectId", "pattern", "shard", "items") VALUES (s."projectId", new_pattern, s."shard", 1)
      ON CONFLICT ("projectId", "pattern", "shard") DO UPDATE SET "items" = t."items" + 1;
  END IF;
  IF old_pattern IS NOT NULL THEN
    UPDATE "AgreementPatternStat" SET "items" = "items" - 1
     WHERE "projectId" = s."projectId" AND "pattern" = old_pattern AND "shard" = s."shard";
  END IF;
  IF new_pattern IS NOT NULL AND old_pattern IS NOT NULL AND new_pattern > old_pattern THEN
    INSERT INTO "AgreementPatternStat" AS t ("projectId", "pattern", "shard", "items") VALUES (s."projectId", new_pattern, s."shard", 1)
      ON CONFLICT ("projectId", "pattern", "shard") DO UPDATE SET "items" = t."items" + 1;
  END IF;

  INSERT INTO "AnnotatorLabelStat" AS t ("projectId", "userId", "n") VALUES (s."projectId", p_user, p_sign)
    ON CONFLICT ("projectId", "userId") DO UPDATE SET "n" = t."n" + EXCLUDED."n";
  INSERT INTO "ModelPairStat" AS t ("projectId", "modelA", "modelB", "outcome", "shard", "n")
    VALUES (s."projectId", s."modelA", s."modelB", sign(p_pref)::SMALLINT, s."shard", p_sign)
    ON CONFLICT ("projectId", "modelA", "modelB", "outcome", "shard") DO UPDATE SET "n" = t."n" + EXCLUDED."n";

  IF p_sign < 0 THEN
    -- Rows that fell to zero go, so the tables hold only what exists.
    DELETE FROM "AgreementPatternStat" WHERE "projectId" = s."projectId" AND "shard" = s."shard" AND "items" = 0 AND "pattern" = old_pattern;
    DELETE FROM "AnnotatorLabelStat" WHERE "projectId" = s."projectId" AND "userId" = p_user AND "n" = 0;
    DELETE FROM "ModelPairStat" WHERE "projectId" = s."projectId" AND "modelA" = s."modelA" AND "modelB" = s."modelB"
       AND "outcome" = sign(p_pref)::SMALLINT AND "shard" = s."shard" AND "n" = 0;
    DELETE FROM "AnnotatorPairStat" WHERE "projectId" = s."projectId" AND "n" = 0
       AND (("userLo" = p_user AND "userHi" = ANY(new_users)) OR ("userHi" = p_user AND "userLo" = ANY(new_users)));
  END IF;

  IF coalesce(array_length(new_users, 1), 0) = 0 THEN
    DELETE FROM "ItemLabelStat" WHERE "itemId" = p_item;
  ELSE
    UPDATE "ItemLabelStat" SET "users" = new_users, "prefs" = new_prefs WHERE "itemId" = p_item;
  END IF;
END;
$$;

CREATE FUNCTION pw_stats_judgment_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW."itemId" = OLD."itemId" AND NEW."userId" = OLD."userId" AND NEW."preference" = OLD."preference" THEN RETURN NULL; END IF;
  END IF;
  -- A judgment without a preference (none exists today) takes no part in these statistics.
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."preference" IS NOT NULL THEN PERFORM pw_stats_apply(OLD."itemId", OLD."userId", OLD."preference", -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."preference" IS NOT NULL THEN PERFORM pw_stats_apply(NEW."itemId", NEW."userId", NEW."preference", 1); END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Judgment_stats" AFTER INSERT OR UPDATE OR DELETE ON "Judgment"
  FOR EACH ROW EXECUTE FUNCTION pw_stats_judgment_trigger();

-- An item that becomes (or stops being) gold, or whose model names change,
-- takes its judgments out under the old state and puts them back under the new.
CREATE FUNCTION pw_stats_item_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  IF NEW."goldPreference" IS NOT DISTINCT FROM OLD."goldPreference" AND NEW."modelA" IS NOT DISTINCT FROM OLD."modelA"
     AND NEW."modelB" IS NOT DISTINCT FROM OLD."modelB" THEN RETURN NULL; END IF;
  FOR r IN SELECT u.u, u.p FROM "ItemLabelStat" s, unnest(s."users", s."prefs") AS u(u, p) WHERE s."itemId" = NEW."id" LOOP
    PERFORM pw_stats_apply(NEW."id", r.u, r.p, -1);
  END LOOP;
  FOR r IN SELECT j."userId", j."preference" FROM "Judgment" j WHERE j."itemId" = NEW."id" AND j."preference" IS NOT NULL ORDER BY j."createdAt", j."id" LOOP
    PERFORM pw_stats_apply(NEW."id", r."userId", r."preference", 1);
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Item_stats" AFTER UPDATE OF "goldPreference", "modelA", "modelB" ON "Item"
  FOR EACH ROW EXECUTE FUNCTION pw_stats_item_trigger();

-- Rebuilds one project's statistics (or every project's, with NULL) from the
-- rows: the migration's backfill, bench/seed-large.ts after a bulk load with
-- the trigger off, and the repair path of verifyAgreementStats.
CREATE FUNCTION pw_stats_rebuild(p_project TEXT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AgreementPatternStat" WHERE p_project IS NULL OR "projectId" = p_project;
  DELETE FROM "AnnotatorPairStat" WHERE p_project IS NULL OR "projectId" = p_project;
  DELETE FROM "AnnotatorLabelStat" WHERE p_project IS NULL OR "projectId" = p_project;
  DELETE FROM "ModelPairStat" WHERE p_project IS NULL OR "projectId" = p_project;
  DELETE FROM "ItemLabelStat" WHERE p_project IS NULL OR "projectId" = p_project;

  INSERT INTO "ItemLabelStat" ("itemId", "projectId", "modelA", "modelB", "shard", "users", "prefs")
  SELECT i."id", i."projectId", COALESCE(i."modelA", ''), COALESCE(i."modelB", ''), (abs(hashtext(i."id")) % 16)::SMALLINT,
         array_agg(j."userId" ORDER BY j."createdAt", j."id"), array_agg(j."preference" ORDER BY j."createdAt", j."id")
    FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
   WHERE i."goldPreference" IS NULL AND j."preference" IS NOT NULL AND (p_project IS NULL OR i."projectId" = p_project)
   GROUP BY i."id";

  INSERT INTO "AgreementPatternStat" ("projectId", "pattern", "shard", "items")
  SELECT "projectId", pattern, "shard", count(*)
    FROM (SELECT s."projectId", s."shard", (SELECT array_agg(v ORDER BY v) FROM unnest(s."prefs") v) AS pattern
            FROM "ItemLabelStat" s WHERE p_project IS NULL OR s."projectId" = p_project) x
   GROUP BY 1, 2, 3;

  INSERT INTO "ModelPairStat" ("projectId", "modelA", "modelB", "outcome", "shard", "n")
  SELECT s."projectId", s."modelA", s."modelB", sign(p)::SMALLINT, s."shard", count(*)
    FROM "ItemLabelStat" s, unnest(s."prefs") p
   WHERE p_project IS NULL OR s."projectId" = p_project
   GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO "AnnotatorLabelStat" ("projectId", "userId", "n")
  SELECT s."projectId", u, count(*)
    FROM "ItemLabelStat" s, unnest(s."users") u
   WHERE p_project IS NULL OR s."projectId" = p_project
   GROUP BY 1, 2;

  INSERT INTO "AnnotatorPairStat" ("projectId", "userLo", "userHi", "choiceLo", "choiceHi", "n")
  SELECT x."projectId", least(x.u1, y.u2), greatest(x.u1, y.u2),
         (CASE WHEN x.u1 < y.u2 THEN sign(x.p1) ELSE sign(y.p2) END + 1)::SMALLINT,
         (CASE WHEN x.u1 < y.u2 THEN sign(y.p2) ELSE sign(x.p1) END + 1)::SMALLINT, count(*)
    FROM (SELECT s."itemId", s."projectId", u.u1, u.p1, u.k1 FROM "ItemLabelStat" s, unnest(s."users", s."prefs") WITH ORDINALITY AS u(u1, p1, k1)
           WHERE cardinality(s."users") > 1 AND (p_project IS NULL OR s."projectId" = p_project)) x
    JOIN (SELECT s."itemId", u.u2, u.p2, u.k2 FROM "ItemLabelStat" s, unnest(s."users", s."prefs") WITH ORDINALITY AS u(u2, p2, k2)
           WHERE cardinality(s."users") > 1 AND (p_project IS NULL OR s."projectId" = p_project)) y
      ON y."itemId" = x."itemId" AND y.k2 > x.k1
   GROUP BY 1, 2, 3, 4, 5;
END;
$$;

SELECT pw_stats_rebuild(NULL);
