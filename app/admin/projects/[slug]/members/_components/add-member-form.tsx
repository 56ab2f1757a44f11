"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { addMemberAction } from "../actions";

/** Adds someone who already has an account; people without one join through an invite link. */
export function AddMemberForm({ project }: { project: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    const result = await addMemberAction({ project, email: String(data.get("email") ?? ""), role: String(data.get("role") ?? "annotator") });
    setPending(false);
    if (!result.ok) return setMessage({ ok: false, text: result.error });
    setMessage({ ok: true, text: result.data.created ? `${result.data.name} was added.` : `${result.data.name}'s role was updated.` });
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_9rem_auto] sm:items-end">
      <label className="block text-xs font-medium">
        Email of an existing user
        <input name="email" type="email" required autoComplete="off" className={`${inputClass} mt-0.5`} />
      </label>
      <label className="block text-xs font-medium">
        Role
        <select name="role" defaultValue="annotator" className={`${inputClass} mt-0.5`}>
          <option value="annotator">annotator</option>
          <option value="lead">lead</option>
        </select>
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add member"}
      </Button>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`text-sm sm:col-span-3 ${message.ok ? "text-gray-800" : "text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
