import { db, type Tx } from "@/lib/db";

export type AuditAction =
  | "invite.created" | "invite.revoked" | "invite.redeemed"
  | "member.added" | "member.removed" | "member.role_changed" | "member.quality_status"
  | "user.created" | "user.role_changed" | "user.disabled" | "user.enabled" | "user.password_reset"
  | "token.created" | "token.revoked"
  | "project.created" | "project.updated"
  | "items.imported" | "judgments.imported" | "export.downloaded";

/**
 * Who did what, when: imports, exports, role, membership and token changes.
 *
 * @internal caller has checked access
 */
export async function recordAuditEvent(
  event: { actorId: string | null; projectId?: string | null; action: AuditAction; details?: Record<string, unknown> },
  tx?: Tx,
): Promise<void> {
  await (tx ?? db).auditEvent.create({
    data: {
      actorId: event.actorId,
      projectId: event.projectId ?? null,
      action: event.action,
      details: (event.details ?? {}) as object,
    },
  });
}
