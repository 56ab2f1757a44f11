"use client";

import { RoleSelect as Select } from "@/components/admin/role-select";
import { addMemberAction } from "../actions";

/** A member's role in the project, changed in place. */
export function RoleSelect({ project, email, name, role }: { project: string; email: string; name: string; role: "lead" | "annotator" }) {
  return <Select name={name} role={role} roles={["annotator", "lead"]} change={(next) => addMemberAction({ project, email, role: next })} />;
}
