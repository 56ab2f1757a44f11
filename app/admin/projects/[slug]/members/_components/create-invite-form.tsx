"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { inputClass } from "@/components/ui/field";
import { invalidProps } from "@/components/ui/form-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { createInviteAction } from "../actions";

/** Makes an invite link and shows it, ready to copy. Empty uses or expiry mean no limit. */
export function CreateInviteForm({ project, origin, activeCodes }: { project: string; origin: string; activeCodes: string[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const [listed, setListed] = useState(false);
  const active = created !== null && activeCodes.includes(created);
  // Adjusting state while rendering (React's pattern for "state derived from props"), not in an effect.
  if (active && !listed) setListed(true);
  // Shown at once, and until the link stops working (revoked or used up) once the list has it.
  const link = created && (active || !listed) ? `${origin}/join/${created}` : null;
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string> | undefined>(undefined);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, fields);
  const mark = (name: string) => {
    const { className, ...aria } = invalidProps(fields, name, "invite-error");
    return { ...aria, className: `${inputClass} mt-0.5 ${className}` };
  };
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const number = (name: string) => (String(data.get(name) ?? "").trim() === "" ? null : Number(data.get(name)));
    setPending(true);
    setError(null);
    setFields(undefined);
    const result = await createInviteAction({ project, role: String(data.get("role")), uses: number("uses"), expires_in_days: number("expires_in_days") });
    setPending(false);
    if (!result.ok) {
      setFields(result.fields);
      return setError(result.fields ? Object.values(result.fields).join(" ") : result.error);
    }
    setListed(false);
    setCreated(result.data.code);
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <form ref={formRef} onSubmit={onSubmit} className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end sm:[&>label]:w-36">
        <label className="block text-xs font-medium">
          Joins as
          <select name="role" defaultValue="annotator" {...mark("role")}>
            <option value="annotator">annotator</option>
            <option value="lead">lead</option>
          </select>
        </label>
        <label className="block text-xs font-medium">
          Uses
          <input name="uses" type="number" min={1} placeholder="unlimited" {...mark("uses")} />
        </label>
        <label className="block text-xs font-medium">
          Expires in days
          <input name="expires_in_days" type="number" min={1} max={365} defaultValue={14} placeholder="never" {...mark("expires_in_days")} />
        </label>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Creating…" : "Create invite link"}
        </Button>
      </form>
      {error ? (
        <p id="invite-error" role="alert" className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
      {link ? (
        <div className="rounded-md border border-blue-200 bg-blue-50 p-3">
          <label className="block text-sm font-medium" htmlFor="new-invite-link">
            New invite link
          </label>
          <div className="mt-1 flex gap-2">
            <input id="new-invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono text-xs`} />
            <CopyButton text={link} label="Copy link" />
          </div>
          <p className="mt-1 text-xs text-gray-700">Send it to the people you want in the project. Anyone with the link can join while it works.</p>
        </div>
      ) : null}
    </div>
  );
}
