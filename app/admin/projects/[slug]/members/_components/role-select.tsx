"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addMemberAction } from "../actions";

/** A member's role in the project, changed in place. */
export function RoleSelect({ project, email, name, role }: { project: string; email: string; name: string; role: "lead" | "annotator" }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-col gap-1">
      <select
        aria-label={`Role of ${name}`}
        defaultValue={role}
        disabled={pending}
        className="self-start rounded-md border border-gray-300 bg-white px-2 py-1 text-sm"
        onChange={(event) => {
          const next = event.target.value as "lead" | "annotator";
          const select = event.currentTarget;
          setError(null);
          startTransition(async () => {
            const result = await addMemberAction({ project, email, role: next });
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
      </select>
      {error ? (
        <span role="alert" className="max-w-60 text-xs text-red-800">
          {error}
        </span>
      ) : null}
    </span>
  );
}
