"use client";

import { useInlineForm } from "@/components/admin/use-inline-form";
import { Button } from "@/components/ui/button";
import { addMemberAction } from "../actions";

/** Adds someone who already has an account; people without one join through an invite link. */
export function AddMemberForm({ project }: { project: string }) {
  const { formRef, message, pending, mark, onSubmit } = useInlineForm(
    "add-member-message",
    (data) => addMemberAction({ project, email: String(data.get("email") ?? ""), role: String(data.get("role") ?? "annotator") }),
    (added) => (added.created ? `${added.name} was added.` : `${added.name}'s role was updated.`),
  );

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
