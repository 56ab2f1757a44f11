import type { Prisma } from "@/lib/generated/prisma/client";

export const inviteViewSelect = {
  id: true,
  code: true,
  role: true,
  usesLeft: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} satisfies Prisma.InviteSelect;

export type InviteState = "active" | "expired" | "used_up" | "revoked";

export type InviteView = {
  id: string;
  code: string;
  role: "LEAD" | "ANNOTATOR";
  /** null: unlimited. */
  usesLeft: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
  state: InviteState;
};

/** Whether the link still lets people in, and if not, why — the rules redeemInvite applies. */
export function toInviteView(invite: Prisma.InviteGetPayload<{ select: typeof inviteViewSelect }>, now = new Date()): InviteView {
  const state: InviteState = invite.revokedAt
    ? "revoked"
    : invite.expiresAt && invite.expiresAt <= now
      ? "expired"
      : invite.usesLeft !== null && invite.usesLeft <= 0
        ? "used_up"
        : "active";
  return {
    id: invite.id,
    code: invite.code,
    role: invite.role,
    usesLeft: invite.usesLeft,
    expiresAt: invite.expiresAt,
    revokedAt: invite.revokedAt,
    createdAt: invite.createdAt,
    createdBy: invite.createdBy?.name ?? null,
    state,
  };
}
