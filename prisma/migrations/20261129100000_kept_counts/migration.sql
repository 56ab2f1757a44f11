-- Counts kept with the writes (docs/architecture.md, "Counters"). Statement-level
-- triggers with transition tables fold every write into four tally tables, so a
-- progress page reads a few hundred rows instead of scanning items and judgments.
-- Every writer is caught, whatever its path: submit, import, patch, deletes,
-- skips, leases. Each "…Expected" view recomputes one tally from the rows: the
-- backfill below, `verify-counts` and its --fix all read them.

-- Non-gold items per (project, judgmentCount), sharded by item id so that
-- concurrent submits in one project spread over 16 rows instead of queueing on one.
CREATE TABLE "ProjectItemTally" (
    "projectId" TEXT NOT NULL,
    "judgmentCount" INTEGER NOT NULL,
    "shard" INTEGER NOT NULL,
    "items" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProjectItemTally_pkey" PRIMARY KEY ("projectId", "judgmentCount", "shard")
);

-- Per (project, user): one annotator's submits only ever touch their own row.
CREATE TABLE "ProjectUserTally" (
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "judgments" INTEGER NOT NULL DEFAULT 0,
    "ties" INTEGER NOT NULL DEFAULT 0,
    "skips" INTEGER NOT NULL DEFAULT 0,
    "lastJudgmentAt" TIMESTAMP(3),
    "lastEditAt" TIMESTAMP(3),
    "lastSkipAt" TIMESTAMP(3),
    "lastLeaseAt" TIMESTAMP(3),
    "stale" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ProjectUserTally_pkey" PRIMARY KEY ("projectId", "userId")
);

-- Judgments per (project, UTC day of createdAt, user).
CREATE TABLE "ProjectDayTally" (
    "projectId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "userId" TEXT NOT NULL,
    "judgments" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProjectDayTally_pkey" PRIMARY KEY ("projectId", "day", "userId")
);

-- Judgments with a recorded time per (project, user, duration bucket): the median time per annotator.
CREATE TABLE "ProjectDurationTally" (
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "bucketMs" INTEGER NOT NULL,
    "judgments" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProjectDurationTally_pkey" PRIMARY KEY ("projectId", "userId", "bucketMs")
);

ALTER TABLE "ProjectItemTally" ADD CONSTRAINT "ProjectItemTally_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectUserTally" ADD CONSTRAINT "ProjectUserTally_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectUserTally" ADD CONSTRAINT "ProjectUserTally_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectDayTally" ADD CONSTRAINT "ProjectDayTally_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectDayTally" ADD CONSTRAINT "ProjectDayTally_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectDurationTally" ADD CONSTRAINT "ProjectDurationTally_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectDurationTally" ADD CONSTRAINT "ProjectDurationTally_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The shard of an item (0..15) and the bucket of a duration: 100 ms below a
-- minute, 1 s above (finer than the page shows either).
CREATE FUNCTION pw_item_shard(id TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$ SELECT hashtext(id) & 15 $$;
CREATE FUNCTION pw_duration_bucket(ms INTEGER) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ms IS NULL THEN NULL WHEN ms < 60000 THEN (round(ms / 100.0) * 100)::int ELSE (round(ms / 1000.0) * 1000)::int END
$$;

-- What each tally should hold, from the rows.
CREATE VIEW "ProjectItemTallyExpected" AS
  SELECT i."projectId", i."judgmentCount", pw_item_shard(i."id") AS "shard", count(*)::int AS "items"
  FROM "Item" i WHERE i."goldPreference" IS NULL
  GROUP BY 1, 2, 3;

CREATE VIEW "ProjectUserTallyExpected" AS
  SELECT u."projectId", u."userId", sum(u."judgments")::int AS "judgments", sum(u."ties")::int AS "ties", sum(u."skips")::int AS "skips",
         max(u."lastJudgmentAt") AS "lastJudgmentAt", max(u."lastEditAt") AS "lastEditAt", max(u."lastSkipAt") AS "lastSkipAt", max(u."lastLeaseAt") AS "lastLeaseAt"
  FROM (
    SELECT i."projectId", j."userId", count(*) AS "judgments", count(*) FILTER (WHERE j."preference" = 0) AS "ties", 0 AS "skips",
           max(j."createdAt") AS "lastJudgmentAt", max(j."updatedAt") AS "lastEditAt", NULL::timestamp(3) AS "lastSkipAt", NULL::timestamp(3) AS "lastLeaseAt"
    FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId" GROUP BY 1, 2
    UNION ALL
    SELECT i."projectId", s."userId", 0, 0, count(*), NULL, NULL, max(s."createdAt"), NULL
    FROM "Skip" s JOIN "Item" i ON i."id" = s."itemId" GROUP BY 1, 2
    UNION ALL
    SELECT i."projectId", a."userId", 0, 0, 0, NULL, NULL, NULL, max(a."leasedAt")
    FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId" GROUP BY 1, 2
  ) u
  GROUP BY 1, 2;

CREATE VIEW "ProjectDayTallyExpected" AS
  SELECT i."projectId", j."createdAt"::date AS "day", j."userId", count(*)::int AS "judgments"
  FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
  GROUP BY 1, 2, 3;

CREATE VIEW "ProjectDurationTallyExpected" AS
  SELECT i."projectId", j."userId", pw_duration_bucket(j."durationMs") AS "bucketMs", count(*)::int AS "judgments"
  FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
  WHERE j."durationMs" IS NOT NULL
  GROUP BY 1, 2, 3;

-- Rewrites one project's tallies from the rows (verify-counts --fix, bench seed).
-- The EXCLUSIVE locks wait for writers already in flight and hold new ones at
-- their trigger until this commits, so no write falls between read and rewrite.
CREATE FUNCTION pw_rebuild_counts(project TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "ProjectItemTally", "ProjectUserTally", "ProjectDayTally", "ProjectDurationTally" IN EXCLUSIVE MODE;
  DELETE FROM "ProjectItemTally" WHERE "projectId" = project;
  DELETE FROM "ProjectUserTally" WHERE "projectId" = project;
  DELETE FROM "ProjectDayTally" WHERE "projectId" = project;
  DELETE FROM "ProjectDurationTally" WHERE "projectId" = project;
  INSERT INTO "ProjectItemTally" SELECT * FROM "ProjectItemTallyExpected" WHERE "projectId" = project;
  INSERT INTO "ProjectUserTally" ("projectId", "userId", "judgments", "ties", "skips", "lastJudgmentAt", "lastEditAt", "lastSkipAt", "lastLeaseAt")
    SELECT * FROM "ProjectUserTallyExpected" WHERE "projectId" = project;
  INSERT INTO "ProjectDayTally" SELECT * FROM "ProjectDayTallyExpected" WHERE "projectId" = project;
  INSERT INTO "ProjectDurationTally" SELECT * FROM "ProjectDurationTallyExpected" WHERE "projectId" = project;
END $$;

-- Deltas: +1 for a row that appeared, -1 for one that went (an update is both).
CREATE TYPE pw_item_delta AS ("projectId" TEXT, "judgmentCount" INTEGER, "shard" INTEGER, "n" INTEGER);
CREATE TYPE pw_judgment_delta AS ("projectId" TEXT, "userId" TEXT, "createdAt" TIMESTAMP(3), "updatedAt" TIMESTAMP(3), "tie" INTEGER, "bucketMs" INTEGER, "n" INTEGER);
CREATE TYPE pw_event_delta AS ("projectId" TEXT, "userId" TEXT, "at" TIMESTAMP(3), "n" INTEGER);

-- Rows are upserted in key order, so two writers never wait on each other in a cycle.
-- The EXISTS guards skip deltas of a project or user being deleted (their tallies go by cascade).
CREATE FUNCTION pw_apply_item_delta(d pw_item_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(d), 0) = 0 THEN RETURN; END IF;
  INSERT INTO "ProjectItemTally" AS t ("projectId", "judgmentCount", "shard", "items")
    SELECT x."projectId", x."judgmentCount", x."shard", sum(x."n") FROM unnest(d) x
    WHERE x."n" > 0 OR EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = x."projectId")
    GROUP BY 1, 2, 3 HAVING sum(x."n") <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("projectId", "judgmentCount", "shard") DO UPDATE SET "items" = t."items" + EXCLUDED."items";
END $$;

-- defer: leave a fallen maximum marked stale (an item's BEFORE DELETE, whose rows are still visible).
CREATE FUNCTION pw_apply_judgment_delta(d pw_judgment_delta[], defer BOOLEAN DEFAULT false) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  -- Only a delta that removes rows can meet a deleted project or user, or lower a maximum.
  removes BOOLEAN := EXISTS (SELECT 1 FROM unnest(d) x WHERE x."n" < 0);
BEGIN
  IF coalesce(cardinality(d), 0) = 0 THEN RETURN; END IF;
  INSERT INTO "ProjectUserTally" AS t ("projectId", "userId", "judgments", "ties", "lastJudgmentAt", "lastEditAt")
    SELECT x."projectId", x."userId", sum(x."n"), sum(x."n" * x."tie"),
           max(x."createdAt") FILTER (WHERE x."n" > 0), max(x."updatedAt") FILTER (WHERE x."n" > 0)
    FROM unnest(d) x
    WHERE (NOT removes OR EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = x."projectId") AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = x."userId"))
    GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("projectId", "userId") DO UPDATE SET
    "judgments" = t."judgments" + EXCLUDED."judgments",
    "ties" = t."ties" + EXCLUDED."ties",
    "lastJudgmentAt" = greatest(t."lastJudgmentAt", EXCLUDED."lastJudgmentAt"),
    "lastEditAt" = greatest(t."lastEditAt", EXCLUDED."lastEditAt");
  INSERT INTO "ProjectDayTally" AS t ("projectId", "day", "userId", "judgments")
    SELECT x."projectId", x."createdAt"::date, x."userId", sum(x."n") FROM unnest(d) x
    WHERE (NOT removes OR EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = x."projectId") AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = x."userId"))
    GROUP BY 1, 2, 3 HAVING sum(x."n") <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("projectId", "day", "userId") DO UPDATE SET "judgments" = t."judgments" + EXCLUDED."judgments";
  INSERT INTO "ProjectDurationTally" AS t ("projectId", "userId", "bucketMs", "judgments")
    SELECT x."projectId", x."userId", x."bucketMs", sum(x."n") FROM unnest(d) x
    WHERE x."bucketMs" IS NOT NULL
      AND (NOT removes OR EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = x."projectId") AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = x."userId"))
    GROUP BY 1, 2, 3 HAVING sum(x."n") <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("projectId", "userId", "bucketMs") DO UPDATE SET "judgments" = t."judgments" + EXCLUDED."judgments";
  IF NOT removes THEN RETURN; END IF;
  -- A removed row that held a maximum, with nothing as late added: the maximum may have fallen.
  UPDATE "ProjectUserTally" t SET "stale" = true
  FROM (
    SELECT x."projectId", x."userId",
           max(x."createdAt") FILTER (WHERE x."n" < 0) AS gone_c, max(x."createdAt") FILTER (WHERE x."n" > 0) AS came_c,
           max(x."updatedAt") FILTER (WHERE x."n" < 0) AS gone_u, max(x."updatedAt") FILTER (WHERE x."n" > 0) AS came_u
    FROM unnest(d) x GROUP BY 1, 2
  ) r
  WHERE t."projectId" = r."projectId" AND t."userId" = r."userId"
    AND ((r.gone_c >= t."lastJudgmentAt" AND (r.came_c IS NULL OR r.came_c < r.gone_c))
      OR (r.gone_u >= t."lastEditAt" AND (r.came_u IS NULL OR r.came_u < r.gone_u)));
  IF NOT defer THEN PERFORM pw_refresh_stale_maxima(ARRAY(SELECT DISTINCT x."projectId" FROM unnest(d) x WHERE x."n" < 0)); END IF;
END $$;

-- kind: 'skip' or 'lease'.
CREATE FUNCTION pw_apply_event_delta(kind TEXT, d pw_event_delta[], defer BOOLEAN DEFAULT false) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  removes BOOLEAN := EXISTS (SELECT 1 FROM unnest(d) x WHERE x."n" < 0);
BEGIN
  IF coalesce(cardinality(d), 0) = 0 THEN RETURN; END IF;
  INSERT INTO "ProjectUserTally" AS t ("projectId", "userId", "skips", "lastSkipAt", "lastLeaseAt")
    SELECT x."projectId", x."userId", CASE WHEN kind = 'skip' THEN sum(x."n") ELSE 0 END,
           CASE WHEN kind = 'skip' THEN max(x."at") FILTER (WHERE x."n" > 0) END,
           CASE WHEN kind = 'lease' THEN max(x."at") FILTER (WHERE x."n" > 0) END
    FROM unnest(d) x
    WHERE (NOT removes OR EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = x."projectId") AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = x."userId"))
    GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("projectId", "userId") DO UPDATE SET
    "skips" = t."skips" + EXCLUDED."skips",
    "lastSkipAt" = greatest(t."lastSkipAt", EXCLUDED."lastSkipAt"),
    "lastLeaseAt" = greatest(t."lastLeaseAt", EXCLUDED."lastLeaseAt");
  IF NOT removes THEN RETURN; END IF;
  UPDATE "ProjectUserTally" t SET "stale" = true
  FROM (
    SELECT x."projectId", x."userId", max(x."at") FILTER (WHERE x."n" < 0) AS gone, max(x."at") FILTER (WHERE x."n" > 0) AS came
    FROM unnest(d) x GROUP BY 1, 2
  ) r
  WHERE t."projectId" = r."projectId" AND t."userId" = r."userId"
    AND r.gone >= CASE WHEN kind = 'skip' THEN t."lastSkipAt" ELSE t."lastLeaseAt" END
    AND (r.came IS NULL OR r.came < r.gone);
  IF NOT defer THEN PERFORM pw_refresh_stale_maxima(ARRAY(SELECT DISTINCT x."projectId" FROM unnest(d) x WHERE x."n" < 0)); END IF;
END $$;

-- Recomputes the "last …" times of the rows marked stale (rare: a delete, or a patch that moved a time back).
CREATE FUNCTION pw_refresh_stale_maxima(projects TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(projects), 0) = 0 THEN RETURN; END IF;
  UPDATE "ProjectUserTally" t SET "stale" = false,
    "lastJudgmentAt" = (SELECT max(j."createdAt") FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId" WHERE j."userId" = t."userId" AND i."projectId" = t."projectId"),
    "lastEditAt" = (SELECT max(j."updatedAt") FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId" WHERE j."userId" = t."userId" AND i."projectId" = t."projectId"),
    "lastSkipAt" = (SELECT max(s."createdAt") FROM "Skip" s JOIN "Item" i ON i."id" = s."itemId" WHERE s."userId" = t."userId" AND i."projectId" = t."projectId"),
    "lastLeaseAt" = (SELECT max(a."leasedAt") FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId" WHERE a."userId" = t."userId" AND i."projectId" = t."projectId")
  WHERE t."stale" AND t."projectId" = ANY (projects);
END $$;

-- Item: the histogram, and (before a delete) the item's judgments, skips and leases.
CREATE FUNCTION pw_item_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Grouped here: an import batch or a project's million items become a few dozen deltas.
    PERFORM pw_apply_item_delta(ARRAY(
      SELECT ROW(r."projectId", r."judgmentCount", pw_item_shard(r."id"), count(*)::int)::pw_item_delta
      FROM new_rows r WHERE r."goldPreference" IS NULL GROUP BY r."projectId", r."judgmentCount", pw_item_shard(r."id")));
  ELSE
    PERFORM pw_apply_item_delta(ARRAY(
      SELECT ROW(r."projectId", r."judgmentCount", pw_item_shard(r."id"), -count(*)::int)::pw_item_delta
      FROM old_rows r WHERE r."goldPreference" IS NULL GROUP BY r."projectId", r."judgmentCount", pw_item_shard(r."id")));
    PERFORM pw_refresh_stale_maxima(ARRAY(SELECT DISTINCT r."projectId" FROM old_rows r));
  END IF;
  RETURN NULL;
END $$;

-- A row trigger, fired (WHEN) only when the count, gold or project changes: the
-- lease and release updates, which change activeLeases alone, never call it.
CREATE FUNCTION pw_item_update_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pw_apply_item_delta(ARRAY(
    SELECT ROW(c."projectId", c."judgmentCount", pw_item_shard(NEW."id"), c."n")::pw_item_delta
    FROM (VALUES (OLD."projectId", OLD."judgmentCount", -1, OLD."goldPreference"), (NEW."projectId", NEW."judgmentCount", 1, NEW."goldPreference"))
      AS c("projectId", "judgmentCount", "n", "goldPreference")
    WHERE c."goldPreference" IS NULL));
  RETURN NULL;
END $$;

-- Runs while the item and its rows still exist: the cascade that follows deletes
-- them after the item, when their own triggers can no longer find the project.
CREATE FUNCTION pw_item_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A project being deleted: its tallies go by cascade.
  IF NOT EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = OLD."projectId") THEN RETURN OLD; END IF;
  PERFORM pw_apply_judgment_delta(ARRAY(
    SELECT ROW(OLD."projectId", j."userId", j."createdAt", j."updatedAt", coalesce(j."preference" = 0, false)::int, pw_duration_bucket(j."durationMs"), -1)::pw_judgment_delta
    FROM "Judgment" j WHERE j."itemId" = OLD."id"), true);
  PERFORM pw_apply_event_delta('skip', ARRAY(
    SELECT ROW(OLD."projectId", s."userId", s."createdAt", -1)::pw_event_delta FROM "Skip" s WHERE s."itemId" = OLD."id"), true);
  PERFORM pw_apply_event_delta('lease', ARRAY(
    SELECT ROW(OLD."projectId", a."userId", a."leasedAt", -1)::pw_event_delta FROM "Assignment" a WHERE a."itemId" = OLD."id"), true);
  RETURN OLD;
END $$;

CREATE FUNCTION pw_judgment_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pw_apply_judgment_delta(ARRAY(
      SELECT ROW(i."projectId", r."userId", r."createdAt", r."updatedAt", coalesce(r."preference" = 0, false)::int, pw_duration_bucket(r."durationMs"), 1)::pw_judgment_delta
      FROM new_rows r JOIN "Item" i ON i."id" = r."itemId"));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM pw_apply_judgment_delta(ARRAY(
      SELECT ROW(i."projectId", c."userId", c."createdAt", c."updatedAt", coalesce(c."preference" = 0, false)::int, pw_duration_bucket(c."durationMs"), c."n")::pw_judgment_delta
      FROM old_rows o JOIN new_rows r ON r."id" = o."id"
      CROSS JOIN LATERAL (VALUES (o."itemId", o."userId", o."createdAt", o."updatedAt", o."preference", o."durationMs", -1),
                                 (r."itemId", r."userId", r."createdAt", r."updatedAt", r."preference", r."durationMs", 1))
        AS c("itemId", "userId", "createdAt", "updatedAt", "preference", "durationMs", "n")
      JOIN "Item" i ON i."id" = c."itemId"
      WHERE (o."itemId", o."userId", o."createdAt", o."updatedAt", o."preference", o."durationMs")
            IS DISTINCT FROM (r."itemId", r."userId", r."createdAt", r."updatedAt", r."preference", r."durationMs")));
  ELSE
    -- Rows whose item is gone were counted out by the item's BEFORE DELETE.
    PERFORM pw_apply_judgment_delta(ARRAY(
      SELECT ROW(i."projectId", r."userId", r."createdAt", r."updatedAt", coalesce(r."preference" = 0, false)::int, pw_duration_bucket(r."durationMs"), -1)::pw_judgment_delta
      FROM old_rows r JOIN "Item" i ON i."id" = r."itemId"));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION pw_skip_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pw_apply_event_delta('skip', ARRAY(SELECT ROW(i."projectId", r."userId", r."createdAt", 1)::pw_event_delta FROM new_rows r JOIN "Item" i ON i."id" = r."itemId"));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM pw_apply_event_delta('skip', ARRAY(
      SELECT ROW(i."projectId", c."userId", c."at", c."n")::pw_event_delta
      FROM old_rows o JOIN new_rows r ON r."id" = o."id"
      CROSS JOIN LATERAL (VALUES (o."itemId", o."userId", o."createdAt", -1), (r."itemId", r."userId", r."createdAt", 1)) AS c("itemId", "userId", "at", "n")
      JOIN "Item" i ON i."id" = c."itemId"
      WHERE (o."itemId", o."userId", o."createdAt") IS DISTINCT FROM (r."itemId", r."userId", r."createdAt")));
  ELSE
    PERFORM pw_apply_event_delta('skip', ARRAY(SELECT ROW(i."projectId", r."userId", r."createdAt", -1)::pw_event_delta FROM old_rows r JOIN "Item" i ON i."id" = r."itemId"));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION pw_assignment_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pw_apply_event_delta('lease', ARRAY(SELECT ROW(i."projectId", r."userId", r."leasedAt", 1)::pw_event_delta FROM new_rows r JOIN "Item" i ON i."id" = r."itemId"));
  ELSE
    PERFORM pw_apply_event_delta('lease', ARRAY(SELECT ROW(i."projectId", r."userId", r."leasedAt", -1)::pw_event_delta FROM old_rows r JOIN "Item" i ON i."id" = r."itemId"));
  END IF;
  RETURN NULL;
END $$;

-- A re-lease (claim's ON CONFLICT) moves leasedAt; closing a lease (submit, skip, expiry) changes
-- none of these columns and never calls it (WHEN).
CREATE FUNCTION pw_assignment_update_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pw_apply_event_delta('lease', ARRAY(
    SELECT ROW(i."projectId", c."userId", c."at", c."n")::pw_event_delta
    FROM (VALUES (OLD."itemId", OLD."userId", OLD."leasedAt", -1), (NEW."itemId", NEW."userId", NEW."leasedAt", 1)) AS c("itemId", "userId", "at", "n")
    JOIN "Item" i ON i."id" = c."itemId"));
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger, hence one trigger per event.
CREATE TRIGGER "Item_tally_insert" AFTER INSERT ON "Item" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_item_tally();
CREATE TRIGGER "Item_tally_update" AFTER UPDATE OF "judgmentCount", "goldPreference", "projectId" ON "Item" FOR EACH ROW
  WHEN (OLD."judgmentCount" IS DISTINCT FROM NEW."judgmentCount" OR (OLD."goldPreference" IS NULL) <> (NEW."goldPreference" IS NULL) OR OLD."projectId" IS DISTINCT FROM NEW."projectId")
  EXECUTE FUNCTION pw_item_update_row();
CREATE TRIGGER "Item_tally_delete" AFTER DELETE ON "Item" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_item_tally();
CREATE TRIGGER "Item_tally_before_delete" BEFORE DELETE ON "Item" FOR EACH ROW EXECUTE FUNCTION pw_item_before_delete();
CREATE TRIGGER "Judgment_tally_insert" AFTER INSERT ON "Judgment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_judgment_tally();
CREATE TRIGGER "Judgment_tally_update" AFTER UPDATE ON "Judgment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_judgment_tally();
CREATE TRIGGER "Judgment_tally_delete" AFTER DELETE ON "Judgment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_judgment_tally();
CREATE TRIGGER "Skip_tally_insert" AFTER INSERT ON "Skip" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_skip_tally();
CREATE TRIGGER "Skip_tally_update" AFTER UPDATE ON "Skip" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_skip_tally();
CREATE TRIGGER "Skip_tally_delete" AFTER DELETE ON "Skip" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_skip_tally();
CREATE TRIGGER "Assignment_tally_insert" AFTER INSERT ON "Assignment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_assignment_tally();
CREATE TRIGGER "Assignment_tally_update" AFTER UPDATE OF "leasedAt", "itemId", "userId" ON "Assignment" FOR EACH ROW
  WHEN (OLD."leasedAt" IS DISTINCT FROM NEW."leasedAt" OR OLD."itemId" IS DISTINCT FROM NEW."itemId" OR OLD."userId" IS DISTINCT FROM NEW."userId")
  EXECUTE FUNCTION pw_assignment_update_row();
CREATE TRIGGER "Assignment_tally_delete" AFTER DELETE ON "Assignment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pw_assignment_tally();

-- Backfill from the rows already there.
INSERT INTO "ProjectItemTally" SELECT * FROM "ProjectItemTallyExpected";
INSERT INTO "ProjectUserTally" ("projectId", "userId", "judgments", "ties", "skips", "lastJudgmentAt", "lastEditAt", "lastSkipAt", "lastLeaseAt")
  SELECT * FROM "ProjectUserTallyExpected";
INSERT INTO "ProjectDayTally" SELECT * FROM "ProjectDayTallyExpected";
INSERT INTO "ProjectDurationTally" SELECT * FROM "ProjectDurationTallyExpected";
