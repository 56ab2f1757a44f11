"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { invalidProps } from "@/components/ui/form-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { addMemberAction } from "../actions";

/** Adds someone who already has an account; people without one join through an invite link. */
export function AddMemberForm({ project }: { project: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string; fields?: Record<string, string> } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, message?.fields);
  const mark = (name: string) => {
    const { className, ...aria } = invalidProps(message?.fields, name, "add-member-message");
    return { ...aria, className: `${inputClass} mt-0.5 ${className}` };
  };
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    const result = await addMemberAction({ project, email: String(data.get("email") ?? ""), role: String(data.get("role") ?? "annotator") });
    setPending(false);
    if (!result.ok) return setMessage({ ok: false, text: result.fields ? Object.values(result.fields).join(" ") : result.error, fields: result.fields });
    setMessage({ ok: true, text: result.data.created ? `${result.data.name} was added.` : `${result.data.name}'s role was updated.` });
    form.reset();
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_9rem_auto] sm:items-end">
      <label className="block text-xs font-medium">
        Email of an existing user
        <input name="email" type="email" required autoComplete="off" {...mark("email")} />
      </label>
      <label className="block text-xs font-medium">
        Role
        <select name="role" defaultValue="annotator" {...mark("role")}>
          <option value="annotator">annotator</option>
          <option value="lead">lead</option>
        </select>
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add member"}
      </Button>
      {message ? (
        <p id="add-member-message" role={message.ok ? "status" : "alert"} className={`text-sm sm:col-span-3 ${message.ok ? "text-gray-800" : "text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
