import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newRowId } from "@/lib/assignment/new-row-id";

/** Exports one user may run at once: a third waits for one of the first two (a 429 says so). */
export const EXPORT_SLOTS_PER_USER = 2;
/**
 * How long a slot is held without a sign of life. A running export renews it
 * as it goes (renew() below); one whose server died, or whose client stopped
 * reading for this long, can be taken over by a new export of the same user.
 */
export const EXPORT_SLOT_TTL_MS = 5 * 60_000;

export type ExportSlot = {
  id: string;
  slot: number;
  /** Pushes the expiry on; false when the slot was taken over (this export was idle past the TTL). */
  renew: () => Promise<boolean>;
  /** Frees the slot; safe to call more than once. */
  release: () => Promise<void>;
};

/**
 * Takes one of the user's export slots, in the database so the limit holds
 * across processes: each slot number is a row unique per (user, slot), taken
 * by one INSERT … ON CONFLICT that also takes over an expired row, so two
 * racing exports never both get the same slot. Throws `rate_limited` (429)
 * when every slot is held.
 */
export async function acquireExportSlot(options: { userId: string; now?: Date }): Promise<ExportSlot> {
  const now = options.now ?? new Date();
  const expires = new Date(now.getTime() + EXPORT_SLOT_TTL_MS);
  for (let slot = 1; slot <= EXPORT_SLOTS_PER_USER; slot++) {
    const id = newRowId();
    const taken = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "ExportSlot" ("id", "userId", "slot", "acquiredAt", "expiresAt")
      VALUES (${id}, ${options.userId}, ${slot}, ${now}, ${expires})
      ON CONFLICT ("userId", "slot") DO UPDATE SET "id" = EXCLUDED."id", "acquiredAt" = EXCLUDED."acquiredAt", "expiresAt" = EXCLUDED."expiresAt"
        WHERE "ExportSlot"."expiresAt" < ${now}
      RETURNING "id"`;
    if (taken[0]?.id === id) return handle(id, slot);
  }
  throw new AppError(
    "rate_limited",
    `You already have ${EXPORT_SLOTS_PER_USER} exports running. Wait for one to finish (or cancel it), then try again.`,
    { retry_after_seconds: 10 },
  );
}

function handle(id: string, slot: number): ExportSlot {
  let released = false;
  return {
    id,
    slot,
    renew: async () => {
      if (released) return false;
      const expires = new Date(Date.now() + EXPORT_SLOT_TTL_MS);
      return (await db.$executeRaw`UPDATE "ExportSlot" SET "expiresAt" = ${expires} WHERE "id" = ${id}`) === 1;
    },
    release: async () => {
      if (released) return;
      released = true;
      await db.$executeRaw`DELETE FROM "ExportSlot" WHERE "id" = ${id}`;
    },
  };
}

/**
 * The export's lines, holding the slot while they flow: renewed every so
 * often, released when the lines end, fail or are abandoned (the stream's
 * cancel closes this generator; `signal` covers a client that leaves before
 * the first line was asked for). An export idle past the TTL whose slot went
 * to a newer export stops with an error instead of running over the limit.
 */
export function holdExportSlot<T>(slot: ExportSlot, lines: AsyncGenerator<T, unknown, undefined>, signal?: AbortSignal): AsyncGenerator<T, void, undefined> {
  // Registered here, not in the generator's body: a generator never started never runs its body (nor its finally).
  const release = () => void slot.release().catch(() => undefined);
  signal?.addEventListener("abort", release, { once: true });
  return (async function* () {
    let renewedAt = Date.now();
    try {
      for await (const line of lines) {
        if (Date.now() - renewedAt > EXPORT_SLOT_TTL_MS / 5) {
          if (!(await slot.renew())) throw new AppError("rate_limited", "This export was idle too long and its slot went to a newer export; start it again.");
          renewedAt = Date.now();
        }
        yield line;
      }
    } finally {
      signal?.removeEventListener("abort", release);
      await slot.release();
    }
  })();
}
