"use client";

import { RoleSelect } from "@/components/admin/role-select";
import { updateUserRoleAction } from "../actions";

/** A user's global role, changed in place (never one's own: the select is disabled and the server refuses too). */
export function UserRoleSelect({ userId, name, role, disabled }: { userId: string; name: string; role: "admin" | "lead" | "annotator"; disabled?: boolean }) {
  return <RoleSelect name={name} role={role} roles={["annotator", "lead", "admin"]} disabled={disabled} change={(next) => updateUserRoleAction({ user_id: userId, role: next })} />;
}
