"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";

import type { ActionResult } from "@/lib/validations/error-response";

type Result = ActionResult<unknown>;

/**
 * One button that runs one server action with a fixed input, asks first when
 * `confirm` is given, shows the action's error beside it, and refreshes the
 * page's server data when it worked.
 */
export function ActionButton<I>({
  action,
  input,
  label,
  pendingLabel,
  confirm,
  variant = "secondary",
  size = "sm",
  ariaLabel,
}: {
  action: (input: I) => Promise<Result>;
  input: I;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  ariaLabel?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        aria-label={ariaLabel}
        disabled={pending}
        className={buttonClass(variant, size)}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          setError(null);
          startTransition(async () => {
            const result = await action(input);
            if (result.ok) router.refresh();
            else setError(result.error);
          });
        }}
      >
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-800">
          {error}
        </span>
      ) : null}
    </span>
  );
}
