"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { updateUserRoleAction } from "../actions";

type Role = "admin" | "lead" | "annotator";

/** A user's global role, changed in place (never one's own: the select is disabled and the server refuses too). */
export function UserRoleSelect({ userId, name, role, disabled }: { userId: string; name: string; role: Role; disabled?: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-col gap-1">
      <select
        aria-label={`Role of ${name}`}
        defaultValue={role}
        disabled={disabled || pending}
        className="self-start rounded-md border border-gray-300 bg-white px-2 py-1 text-sm disabled:bg-gray-50"
        onChange={(event) => {
          const select = event.currentTarget;
          const next = select.value as Role;
          setError(null);
          startTransition(async () => {
            const result = await updateUserRoleAction({ user_id: userId, role: next });
            if (result.ok) router.refresh();
            else {
              select.value = role;
              setError(result.error);
            }
          });
        }}
      >
        <option value="annotator">annotator</option>
        <option value="lead">lead</option>
        <option value="admin">admin</option>
      </select>
      {error ? (
        <span role="alert" className="max-w-60 text-xs text-red-800">
          {error}
        </span>
      ) : null}
    </span>
  );
}
