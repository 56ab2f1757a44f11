-- Issue 15: ranking judgments in the kept agreement and leaderboard statistics
-- (docs/architecture.md, "Agreement and leaderboard statistics"), and the
-- stopping rule of ranking items (docs/formats.md, "Adaptive overlap").
--
-- A ranking judgment counts as the K(K−1)/2 pairs it implies
-- (ranking_implied_pairs, docs/formats.md "Implied pairs"), each implied pair
-- (a, b) of an item a unit of its own, exactly as lib/ranking-items/expand-units.ts
-- makes units for the full computation. A pair item is one unit, (a, b) = (-1, -1).

-- ranking_implied_pairs, inlined into a caller, is planned as jsonb elements of
-- jsonb elements joined to themselves (10^4 × 10^4 rows): on PostgreSQL that
-- guess JIT-compiles the caller's statement, half a second for a ranking's
-- ten pairs. Planned on its own (a SET clause keeps it from being inlined), it
-- says what it returns: at most 36 rows (K = 9). Same rule, same results.
ALTER FUNCTION "ranking_implied_pairs"(JSONB, INTEGER) ROWS 36 SET jit = off;

-- One ItemLabelStat row per unit: the item's own row for a pair item, one per
-- implied pair for a ranking item; modelA/modelB are the models of responses
-- a and b. Every unit of an item has the item's shard.
ALTER TABLE "ItemLabelStat" ADD COLUMN "pairA" SMALLINT NOT NULL DEFAULT -1;
ALTER TABLE "ItemLabelStat" ADD COLUMN "pairB" SMALLINT NOT NULL DEFAULT -1;
ALTER TABLE "ItemLabelStat" DROP CONSTRAINT "ItemLabelStat_pkey";
ALTER TABLE "ItemLabelStat" ADD CONSTRAINT "ItemLabelStat_pkey" PRIMARY KEY ("itemId", "pairA", "pairB");

DROP TRIGGER "Judgment_stats" ON "Judgment";
DROP TRIGGER "Item_stats" ON "Item";
DROP FUNCTION pw_stats_judgment_trigger();
DROP FUNCTION pw_stats_item_trigger();
DROP FUNCTION pw_stats_apply(TEXT, TEXT, INTEGER, INTEGER);

-- What one judgment entering (sign 1) or leaving (sign -1) changes in each
-- unit of the item, read from the item's ItemLabelStat rows (which the caller
-- has locked). Entering: the units (ua, ub) with the user's preference up in
-- each. Leaving: every unit that holds the user, with the preference it held.
CREATE FUNCTION pw_stats_unit_changes(p_item TEXT, p_user TEXT, ua SMALLINT[], ub SMALLINT[], up INTEGER[], p_sign INTEGER)
RETURNS TABLE ("pairA" SMALLINT, "pairB" SMALLINT, "projectId" TEXT, "modelA" TEXT, "modelB" TEXT, "shard" SMALLINT,
               "mine" INTEGER, "oldPattern" INTEGER[], "newPattern" INTEGER[], "newUsers" TEXT[], "newPrefs" INTEGER[])
LANGUAGE sql STABLE AS $$
  SELECT c."pairA", c."pairB", c."projectId", c."modelA", c."modelB", c."shard", c."mine",
         (SELECT array_agg(v ORDER BY v) FROM unnest(c."prefs") v),
         (SELECT array_agg(v ORDER BY v) FROM unnest(c."newPrefs") v),
         c."newUsers", c."newPrefs"
    FROM (
      SELECT s."pairA", s."pairB", s."projectId", s."modelA", s."modelB", s."shard", s."prefs",
             CASE WHEN p_sign > 0 THEN u.p ELSE s."prefs"[x.pos] END AS "mine",
             CASE WHEN p_sign > 0 THEN s."users" || p_user ELSE s."users"[1:x.pos - 1] || s."users"[x.pos + 1:] END AS "newUsers",
             CASE WHEN p_sign > 0 THEN s."prefs" || u.p ELSE s."prefs"[1:x.pos - 1] || s."prefs"[x.pos + 1:] END AS "newPrefs"
        FROM "ItemLabelStat" s
        CROSS JOIN LATERAL (SELECT array_position(s."users", p_user) AS pos) x
        LEFT JOIN unnest(ua, ub, up) AS u(a, b, p) ON u.a = s."pairA" AND u.b = s."pairB"
       WHERE s."itemId" = p_item AND CASE WHEN p_sign > 0 THEN u.a IS NOT NULL ELSE x.pos IS NOT NULL END
    ) c
$$;

-- A pair item's judgment: one unit, (-1, -1). The same statements as the
-- set-based path below, written for one row (ten times cheaper per judgment,
-- which an import of a million pairs feels); pw_stats_apply dispatches here.
-- Leaving takes the preference from the kept row, not from the caller.
CREATE FUNCTION pw_stats_apply_pair(p_item TEXT, p_user TEXT, p_pref INTEGER, p_sign INTEGER) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  s "ItemLabelStat"%ROWTYPE;
  it RECORD;
  pos INTEGER;
  v_pref INTEGER := p_pref;
  mine SMALLINT;
  old_pattern INTEGER[];
  new_pattern INTEGER[];
  new_users TEXT[];
  new_prefs INTEGER[];
BEGIN
  SELECT * INTO s FROM "ItemLabelStat" WHERE "itemId" = p_item AND "pairA" = -1 AND "pairB" = -1 FOR UPDATE;
  IF NOT FOUND THEN
    IF p_sign < 0 THEN RETURN; END IF;
    SELECT i."projectId", i."modelA", i."modelB" INTO it FROM "Item" i WHERE i."id" = p_item;
    INSERT INTO "ItemLabelStat" ("itemId", "pairA", "pairB", "projectId", "modelA", "modelB", "shard", "users", "prefs")
      VALUES (p_item, -1, -1, it."projectId", COALESCE(it."modelA", ''), COALESCE(it."modelB", ''), (abs(hashtext(p_item)) % 16)::SMALLINT, '{}', '{}')
      ON CONFLICT ("itemId", "pairA", "pairB") DO NOTHING;
    SELECT * INTO s FROM "ItemLabelStat" WHERE "itemId" = p_item AND "pairA" = -1 AND "pairB" = -1 FOR UPDATE;
  END IF;

  pos := array_position(s."users", p_user);
  IF p_sign > 0 THEN
    IF pos IS NOT NULL THEN RAISE EXCEPTION 'pw_stats_apply: % already counted on item %', p_user, p_item; END IF;
    new_users := s."users" || p_user;
    new_prefs := s."prefs" || v_pref;
  ELSE
    IF pos IS NULL THEN RETURN; END IF;
    v_pref := s."prefs"[pos];
    new_users := s."users"[1:pos - 1] || s."users"[pos + 1:];
    new_prefs := s."prefs"[1:pos - 1] || s."prefs"[pos + 1:];
  END IF;
  mine := (sign(v_pref) + 1)::SMALLINT;

  INSERT INTO "AnnotatorPairStat" AS t ("projectId", "userLo", "userHi", "choiceLo", "choiceHi", "n")
  SELECT s."projectId", least(p_user, o.u), greatest(p_user, o.u),
         CASE WHEN p_user < o.u THEN mine ELSE (sign(o.p) + 1)::SMALLINT END,
         CASE WHEN p_user < o.u THEN (sign(o.p) + 1)::SMALLINT ELSE mine END, p_sign
    FROM unnest(new_users, new_prefs) AS o(u, p)
   WHERE o.u <> p_user
   ORDER BY 2, 3, 4, 5
  ON CONFLICT ("projectId", "userLo", "userHi", "choiceLo", "choiceHi") DO UPDATE SET "n" = t."n" + EXCLUDED."n";

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
    VALUES (s."projectId", s."modelA", s."modelB", sign(v_pref)::SMALLINT, s."shard", p_sign)
    ON CONFLICT ("projectId", "modelA", "modelB", "outcome", "shard") DO UPDATE SET "n" = t."n" + EXCLUDED."n";

  IF p_sign < 0 THEN
    DELETE FROM "AgreementPatternStat" WHERE "projectId" = s."projectId" AND "shard" = s."shard" AND "items" = 0 AND "pattern" = old_pattern;
    DELETE FROM "AnnotatorLabelStat" WHERE "projectId" = s."projectId" AND "userId" = p_user AND "n" = 0;
    DELETE FROM "ModelPairStat" WHERE "projectId" = s."projectId" AND "modelA" = s."modelA" AND "modelB" = s."modelB"
       AND "outcome" = sign(v_pref)::SMALLINT AND "shard" = s."shard" AND "n" = 0;
    DELETE FROM "AnnotatorPairStat" WHERE "projectId" = s."projectId" AND "n" = 0
       AND (("userLo" = p_user AND "userHi" = ANY(new_users)) OR ("userHi" = p_user AND "userLo" = ANY(new_users)));
  END IF;

  IF coalesce(array_length(new_users, 1), 0) = 0 THEN
    DELETE FROM "ItemLabelStat" WHERE "itemId" = p_item AND "pairA" = -1 AND "pairB" = -1;
  ELSE
    UPDATE "ItemLabelStat" SET "users" = new_users, "prefs" = new_prefs WHERE "itemId" = p_item AND "pairA" = -1 AND "pairB" = -1;
  END IF;
END;
$$;

-- The one place where a judgment enters (sign 1) or leaves (sign -1) the
-- statistics; triggers and the item re-count call it. A pair judgment is one
-- unit (pw_stats_apply_pair); a ranking judgment its implied pairs, at the project's scale. Leaving
-- needs neither preference nor ranking: the user leaves every unit of the item.
--
-- Locks: the item's unit rows first (in key order; they serialize writes to
-- one item), then each shared table in one statement in key order, tables
-- always in the same order (AnnotatorPairStat, AgreementPatternStat,
-- AnnotatorLabelStat, ModelPairStat), so two submits take shared rows in one
-- order and cannot deadlock each other, however many units they touch.
CREATE FUNCTION pw_stats_apply(p_item TEXT, p_user TEXT, p_pref INTEGER, p_ranking JSONB, p_sign INTEGER) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  it RECORD;
  ua SMALLINT[];
  ub SMALLINT[];
  up INTEGER[];
  v_project TEXT;
  v_shard SMALLINT;
  v_units BIGINT;
  v_others TEXT[];
BEGIN
  IF p_sign > 0 THEN
    SELECT i."projectId", i."goldPreference", i."goldRanking", i."modelA", i."modelB", i."responses", p."scale"
      INTO it FROM "Item" i JOIN "Project" p ON p."id" = i."projectId" WHERE i."id" = p_item;
    IF NOT FOUND OR it."goldPreference" IS NOT NULL OR it."goldRanking" IS NOT NULL THEN RETURN; END IF;
    IF it."responses" IS NULL THEN
      -- A pair item counts preferences only, as its one unit.
      IF p_pref IS NULL THEN RETURN; END IF;
      PERFORM pw_stats_apply_pair(p_item, p_user, p_pref, 1);
      RETURN;
    ELSE
      -- A ranking item counts rankings only, as their implied pairs.
      IF p_ranking IS NULL THEN RETURN; END IF;
      SELECT array_agg(r."a"::SMALLINT ORDER BY r."a", r."b"), array_agg(r."b"::SMALLINT ORDER BY r."a", r."b"), array_agg(r."preference" ORDER BY r."a", r."b")
        INTO ua, ub, up FROM ranking_implied_pairs(p_ranking, it."scale") r;
      IF ua IS NULL THEN RETURN; END IF;
    END IF;
    INSERT INTO "ItemLabelStat" ("itemId", "pairA", "pairB", "projectId", "modelA", "modelB", "shard", "users", "prefs")
    SELECT p_item, u.a, u.b, it."projectId",
           CASE WHEN u.a < 0 THEN COALESCE(it."modelA", '') ELSE COALESCE(it."responses" -> u.a::int ->> 'model', '') END,
           CASE WHEN u.b < 0 THEN COALESCE(it."modelB", '') ELSE COALESCE(it."responses" -> u.b::int ->> 'model', '') END,
           (abs(hashtext(p_item)) % 16)::SMALLINT, '{}', '{}'
      FROM unnest(ua, ub) AS u(a, b) ORDER BY u.a, u.b
    ON CONFLICT ("itemId", "pairA", "pairB") DO NOTHING;
  ELSIF EXISTS (SELECT 1 FROM "ItemLabelStat" s WHERE s."itemId" = p_item AND s."pairA" = -1 AND s."pairB" = -1) THEN
    -- Leaving a pair item.
    PERFORM pw_stats_apply_pair(p_item, p_user, NULL, -1);
    RETURN;
  END IF;
  PERFORM 1 FROM "ItemLabelStat" s WHERE s."itemId" = p_item ORDER BY s."pairA", s."pairB" FOR UPDATE;

  IF p_sign > 0 AND EXISTS (
    SELECT 1 FROM "ItemLabelStat" s JOIN unnest(ua, ub) AS u(a, b) ON u.a = s."pairA" AND u.b = s."pairB"
     WHERE s."itemId" = p_item AND p_user = ANY(s."users")) THEN
    RAISE EXCEPTION 'pw_stats_apply: % already counted on item %', p_user, p_item;
  END IF;

  SELECT min(c."projectId"), min(c."shard"), count(*),
         (SELECT array_agg(DISTINCT o) FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) d, unnest(d."newUsers") o WHERE o <> p_user)
    INTO v_project, v_shard, v_units, v_others
    FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) c;
  IF v_units = 0 THEN RETURN; END IF;

  -- Cohen tables: in every unit, this judgment against each other judgment of it.
  INSERT INTO "AnnotatorPairStat" AS t ("projectId", "userLo", "userHi", "choiceLo", "choiceHi", "n")
  SELECT v_project, least(p_user, o.u), greatest(p_user, o.u),
         (CASE WHEN p_user < o.u THEN sign(c."mine") ELSE sign(o.p) END + 1)::SMALLINT,
         (CASE WHEN p_user < o.u THEN sign(o.p) ELSE sign(c."mine") END + 1)::SMALLINT, p_sign * count(*)
    FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) c, unnest(c."newUsers", c."newPrefs") AS o(u, p)
   WHERE o.u <> p_user
   GROUP BY 2, 3, 4, 5
   ORDER BY 2, 3, 4, 5
  ON CONFLICT ("projectId", "userLo", "userHi", "choiceLo", "choiceHi") DO UPDATE SET "n" = t."n" + EXCLUDED."n";

  -- Pattern histogram: each unit moves from its old pattern to its new one;
  -- the net change per pattern, in pattern order.
  INSERT INTO "AgreementPatternStat" AS t ("projectId", "pattern", "shard", "items")
  SELECT v_project, d.pattern, v_shard, sum(d.delta)
    FROM (SELECT c."newPattern" AS pattern, 1 AS delta FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) c WHERE c."newPattern" IS NOT NULL
          UNION ALL
          SELECT c."oldPattern", -1 FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) c WHERE c."oldPattern" IS NOT NULL) d
   GROUP BY d.pattern HAVING sum(d.delta) <> 0
   ORDER BY d.pattern
  ON CONFLICT ("projectId", "pattern", "shard") DO UPDATE SET "items" = t."items" + EXCLUDED."items";

  INSERT INTO "AnnotatorLabelStat" AS t ("projectId", "userId", "n") VALUES (v_project, p_user, p_sign * v_units)
    ON CONFLICT ("projectId", "userId") DO UPDATE SET "n" = t."n" + EXCLUDED."n";

  INSERT INTO "ModelPairStat" AS t ("projectId", "modelA", "modelB", "outcome", "shard", "n")
  SELECT v_project, c."modelA", c."modelB", sign(c."mine")::SMALLINT, v_shard, p_sign * count(*)
    FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) c
   GROUP BY 2, 3, 4
   ORDER BY 2, 3, 4
  ON CONFLICT ("projectId", "modelA", "modelB", "outcome", "shard") DO UPDATE SET "n" = t."n" + EXCLUDED."n";

  IF p_sign < 0 THEN
    -- Rows that fell to zero go, so the tables hold only what exists (all locked above).
    DELETE FROM "AgreementPatternStat" t WHERE t."projectId" = v_project AND t."shard" = v_shard AND t."items" = 0
       AND t."pattern" IN (SELECT c."oldPattern" FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) c);
    DELETE FROM "AnnotatorLabelStat" WHERE "projectId" = v_project AND "userId" = p_user AND "n" = 0;
    DELETE FROM "ModelPairStat" t WHERE t."projectId" = v_project AND t."shard" = v_shard AND t."n" = 0
       AND (t."modelA", t."modelB", t."outcome") IN (SELECT c."modelA", c."modelB", sign(c."mine")::SMALLINT FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) c);
    DELETE FROM "AnnotatorPairStat" WHERE "projectId" = v_project AND "n" = 0
       AND (("userLo" = p_user AND "userHi" = ANY(v_others)) OR ("userHi" = p_user AND "userLo" = ANY(v_others)));
  END IF;

  UPDATE "ItemLabelStat" s SET "users" = c."newUsers", "prefs" = c."newPrefs"
    FROM pw_stats_unit_changes(p_item, p_user, ua, ub, up, p_sign) c
   WHERE s."itemId" = p_item AND s."pairA" = c."pairA" AND s."pairB" = c."pairB";
  DELETE FROM "ItemLabelStat" WHERE "itemId" = p_item AND cardinality("users") = 0;
END;
$$;

CREATE FUNCTION pw_stats_judgment_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW."itemId" = OLD."itemId" AND NEW."userId" = OLD."userId" AND NEW."preference" IS NOT DISTINCT FROM OLD."preference"
       AND NEW."ranking" IS NOT DISTINCT FROM OLD."ranking" THEN RETURN NULL; END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM pw_stats_apply(OLD."itemId", OLD."userId", OLD."preference", OLD."ranking", -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM pw_stats_apply(NEW."itemId", NEW."userId", NEW."preference", NEW."ranking", 1); END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Judgment_stats" AFTER INSERT OR UPDATE OR DELETE ON "Judgment"
  FOR EACH ROW EXECUTE FUNCTION pw_stats_judgment_trigger();

-- An item that becomes (or stops being) gold, or whose model names (a ranking
-- item's responses) change, takes its judgments out under the old state and
-- puts them back under the new.
CREATE FUNCTION pw_stats_item_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  IF NEW."goldPreference" IS NOT DISTINCT FROM OLD."goldPreference" AND NEW."goldRanking" IS NOT DISTINCT FROM OLD."goldRanking"
     AND NEW."modelA" IS NOT DISTINCT FROM OLD."modelA" AND NEW."modelB" IS NOT DISTINCT FROM OLD."modelB"
     AND NEW."responses" IS NOT DISTINCT FROM OLD."responses" THEN RETURN NULL; END IF;
  FOR r IN SELECT DISTINCT u.u FROM "ItemLabelStat" s, unnest(s."users") AS u(u) WHERE s."itemId" = NEW."id" ORDER BY 1 LOOP
    PERFORM pw_stats_apply(NEW."id", r.u, NULL, NULL, -1);
  END LOOP;
  FOR r IN SELECT j."userId", j."preference", j."ranking" FROM "Judgment" j WHERE j."itemId" = NEW."id" ORDER BY j."createdAt", j."id" LOOP
    PERFORM pw_stats_apply(NEW."id", r."userId", r."preference", r."ranking", 1);
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Item_stats" AFTER UPDATE OF "goldPreference", "goldRanking", "modelA", "modelB", "responses" ON "Item"
  FOR EACH ROW EXECUTE FUNCTION pw_stats_item_trigger();

-- Each counted judgment of a non-gold item as its units: (itemId, a, b,
-- projectId, models, shard, user, preference, createdAt, judgment id). The
-- rebuild below and lib/agreement/verify-agreement-stats.ts read it.
CREATE FUNCTION pw_stats_units(p_project TEXT)
RETURNS TABLE ("itemId" TEXT, "pairA" SMALLINT, "pairB" SMALLINT, "projectId" TEXT, "modelA" TEXT, "modelB" TEXT, "shard" SMALLINT,
               "userId" TEXT, "preference" INTEGER, "createdAt" TIMESTAMP(3), "judgmentId" TEXT)
LANGUAGE sql STABLE AS $$
  SELECT i."id", u.a, u.b, i."projectId",
         CASE WHEN u.a < 0 THEN COALESCE(i."modelA", '') ELSE COALESCE(i."responses" -> u.a::int ->> 'model', '') END,
         CASE WHEN u.b < 0 THEN COALESCE(i."modelB", '') ELSE COALESCE(i."responses" -> u.b::int ->> 'model', '') END,
         (abs(hashtext(i."id")) % 16)::SMALLINT, j."userId", u.p, j."createdAt", j."id"
    FROM "Judgment" j
    JOIN "Item" i ON i."id" = j."itemId"
    JOIN "Project" p ON p."id" = i."projectId"
    CROSS JOIN LATERAL (
      SELECT (-1)::SMALLINT AS a, (-1)::SMALLINT AS b, j."preference" AS p WHERE i."responses" IS NULL AND j."preference" IS NOT NULL
      UNION ALL
      SELECT r."a"::SMALLINT, r."b"::SMALLINT, r."preference" FROM ranking_implied_pairs(j."ranking", p."scale") r
       WHERE i."responses" IS NOT NULL AND j."ranking" IS NOT NULL
    ) u
   WHERE i."goldPreference" IS NULL AND i."goldRanking" IS NULL AND (p_project IS NULL OR i."projectId" = p_project)
$$;

CREATE OR REPLACE FUNCTION pw_stats_rebuild(p_project TEXT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AgreementPatternStat" WHERE p_project IS NULL OR "projectId" = p_project;
  DELETE FROM "AnnotatorPairStat" WHERE p_project IS NULL OR "projectId" = p_project;
  DELETE FROM "AnnotatorLabelStat" WHERE p_project IS NULL OR "projectId" = p_project;
  DELETE FROM "ModelPairStat" WHERE p_project IS NULL OR "projectId" = p_project;
  DELETE FROM "ItemLabelStat" WHERE p_project IS NULL OR "projectId" = p_project;

  INSERT INTO "ItemLabelStat" ("itemId", "pairA", "pairB", "projectId", "modelA", "modelB", "shard", "users", "prefs")
  SELECT u."itemId", u."pairA", u."pairB", min(u."projectId"), min(u."modelA"), min(u."modelB"), min(u."shard"),
         array_agg(u."userId" ORDER BY u."createdAt", u."judgmentId"), array_agg(u."preference" ORDER BY u."createdAt", u."judgmentId")
    FROM pw_stats_units(p_project) u
   GROUP BY 1, 2, 3;

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
    FROM (SELECT s."itemId", s."pairA", s."pairB", s."projectId", u.u1, u.p1, u.k1 FROM "ItemLabelStat" s, unnest(s."users", s."prefs") WITH ORDINALITY AS u(u1, p1, k1)
           WHERE cardinality(s."users") > 1 AND (p_project IS NULL OR s."projectId" = p_project)) x
    JOIN (SELECT s."itemId", s."pairA", s."pairB", u.u2, u.p2, u.k2 FROM "ItemLabelStat" s, unnest(s."users", s."prefs") WITH ORDINALITY AS u(u2, p2, k2)
           WHERE cardinality(s."users") > 1 AND (p_project IS NULL OR s."projectId" = p_project)) y
      ON y."itemId" = x."itemId" AND y."pairA" = x."pairA" AND y."pairB" = x."pairB" AND y.k2 > x.k1
   GROUP BY 1, 2, 3, 4, 5;
END;
$$;

-- Every project with ranking judgments gains their implied pairs.
DO $$
DECLARE
  r RECORD;
BEGIN
  FOR r IN SELECT DISTINCT i."projectId" FROM "Item" i WHERE i."responses" IS NOT NULL ORDER BY 1 LOOP
    PERFORM pw_stats_rebuild(r."projectId");
  END LOOP;
END $$;

-- Adaptive overlap and ranking items (docs/formats.md, "Adaptive overlap"):
-- a ranking has no single direction to agree on, so a ranking item is
-- fixed-overlap: it is finished ('max') once it holds K = overlapMax rankings
-- and never earlier. Its rankings are counted in "votesRanked" on the item
-- row, beside the pair votes. lib/assignment/stopping-rule.ts is the same rule.
ALTER TABLE "Item" ADD COLUMN "votesRanked" INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER "Item_stop" ON "Item";
DROP TRIGGER "Item_stop_insert" ON "Item";

CREATE FUNCTION "pw_stop_reason"(va INTEGER, vb INTEGER, vt INTEGER, vr INTEGER, k INTEGER, kmax INTEGER, share DOUBLE PRECISION, stop_on TEXT)
RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  n INTEGER := va + vb + vt + vr;
  m INTEGER := GREATEST(va, vb, vt);
  z DOUBLE PRECISION := 1.6448536269514722;
  p DOUBLE PRECISION;
  z2 DOUBLE PRECISION;
  den DOUBLE PRECISION;
  centre DOUBLE PRECISION;
  half DOUBLE PRECISION;
BEGIN
  IF n >= kmax THEN RETURN 'max'; END IF;
  IF vr > 0 THEN RETURN NULL; END IF;
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

CREATE OR REPLACE FUNCTION "pw_judgment_votes"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  ids TEXT[];
  da INTEGER[];
  db INTEGER[];
  dt INTEGER[];
  dr INTEGER[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(s.id), array_agg(s.a), array_agg(s.b), array_agg(s.t), array_agg(s.r) INTO ids, da, db, dt, dr FROM (
      SELECT "itemId" AS id, count(*) FILTER (WHERE "preference" < 0)::int AS a, count(*) FILTER (WHERE "preference" > 0)::int AS b,
             count(*) FILTER (WHERE "preference" = 0)::int AS t, count(*) FILTER (WHERE "ranking" IS NOT NULL)::int AS r
      FROM new_rows GROUP BY 1 ORDER BY 1) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(s.id), array_agg(s.a), array_agg(s.b), array_agg(s.t), array_agg(s.r) INTO ids, da, db, dt, dr FROM (
      SELECT "itemId" AS id, -count(*) FILTER (WHERE "preference" < 0)::int AS a, -count(*) FILTER (WHERE "preference" > 0)::int AS b,
             -count(*) FILTER (WHERE "preference" = 0)::int AS t, -count(*) FILTER (WHERE "ranking" IS NOT NULL)::int AS r
      FROM old_rows GROUP BY 1 ORDER BY 1) s;
  ELSE
    SELECT array_agg(s.id), array_agg(s.a), array_agg(s.b), array_agg(s.t), array_agg(s.r) INTO ids, da, db, dt, dr FROM (
      SELECT x.id, sum(x.a)::int AS a, sum(x.b)::int AS b, sum(x.t)::int AS t, sum(x.r)::int AS r FROM (
        SELECT "itemId" AS id, coalesce("preference" < 0, false)::int AS a, coalesce("preference" > 0, false)::int AS b,
               coalesce("preference" = 0, false)::int AS t, ("ranking" IS NOT NULL)::int AS r FROM new_rows
        UNION ALL
        SELECT "itemId", -coalesce("preference" < 0, false)::int, -coalesce("preference" > 0, false)::int,
               -coalesce("preference" = 0, false)::int, -("ranking" IS NOT NULL)::int FROM old_rows
      ) x GROUP BY 1 HAVING sum(x.a) <> 0 OR sum(x.b) <> 0 OR sum(x.t) <> 0 OR sum(x.r) <> 0 ORDER BY 1) s;
  END IF;
  IF ids IS NULL THEN RETURN NULL; END IF;
  UPDATE "Item" i SET "votesA" = i."votesA" + d.a, "votesB" = i."votesB" + d.b, "votesTie" = i."votesTie" + d.t, "votesRanked" = i."votesRanked" + d.r
  FROM unnest(ids, da, db, dt, dr) AS d(id, a, b, t, r)
  WHERE i."id" = d.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "pw_item_stop"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  SELECT "pw_stop_reason"(NEW."votesA", NEW."votesB", NEW."votesTie", NEW."votesRanked",
    COALESCE(p."overlapMin", p."overlap"), COALESCE(p."overlapMax", p."overlap"), p."stopShare", p."stopOn")
  INTO NEW."stopReason" FROM "Project" p WHERE p."id" = NEW."projectId";
  RETURN NEW;
END $$;

CREATE TRIGGER "Item_stop" BEFORE UPDATE OF "votesA", "votesB", "votesTie", "votesRanked" ON "Item"
  FOR EACH ROW EXECUTE FUNCTION "pw_item_stop"();
CREATE TRIGGER "Item_stop_insert" BEFORE INSERT ON "Item"
  FOR EACH ROW WHEN (NEW."votesA" + NEW."votesB" + NEW."votesTie" + NEW."votesRanked" > 0) EXECUTE FUNCTION "pw_item_stop"();

CREATE OR REPLACE FUNCTION "pw_project_rule_changed"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Item" i SET "stopReason" = s.r
  FROM (
    SELECT it."id", "pw_stop_reason"(it."votesA", it."votesB", it."votesTie", it."votesRanked",
      COALESCE(NEW."overlapMin", NEW."overlap"), COALESCE(NEW."overlapMax", NEW."overlap"), NEW."stopShare", NEW."stopOn") AS r
    FROM "Item" it WHERE it."projectId" = NEW."id"
  ) s
  WHERE i."id" = s."id" AND i."stopReason" IS DISTINCT FROM s.r;
  RETURN NULL;
END $$;

DROP FUNCTION "pw_stop_reason"(INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE PRECISION, TEXT);

-- Backfill: the rankings already there (Item_stop decides each item's state from them).
UPDATE "Item" i SET "votesRanked" = c.r
FROM (SELECT "itemId", count(*)::int AS r FROM "Judgment" WHERE "ranking" IS NOT NULL GROUP BY 1) c
WHERE i."id" = c."itemId";

-- Whether a project has ranking items, from an index that holds ranking items
-- only: the agreement page asks on every view, and a pair-only project answers
-- from an empty index range (lib/ranking-items/read-ranking-agreement.ts).
CREATE INDEX "Item_ranking_items_idx" ON "Item"("projectId") WHERE "responses" IS NOT NULL;
