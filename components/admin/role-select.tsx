"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/validations/error-response";

/**
 * A role changed in place: `change` saves the chosen role; on success the
 * page refreshes, on refusal the select goes back to `role` and the message
 * shows below it.
 */
export function RoleSelect<R extends string>({
  name,
  role,
  roles,
  disabled,
  change,
}: {
  /** Whose role, for the select's accessible name. */
  name: string;
  role: R;
  roles: readonly R[];
  disabled?: boolean;
  change: (role: R) => Promise<ActionResult<unknown>>;
}) {
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
          const next = select.value as R;
          setError(null);
          startTransition(async () => {
            const result = await change(next);
            if (result.ok) router.refresh();
            else {
              select.value = role;
              setError(result.error);
            }
          });
        }}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="max-w-60 text-xs text-red-800">
          {error}
        </span>
      ) : null}
    </span>
  );
}
