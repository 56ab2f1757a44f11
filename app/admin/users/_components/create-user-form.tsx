"use client";

import { useInlineForm } from "@/components/admin/use-inline-form";
import { Button } from "@/components/ui/button";
import { createUserAction } from "../actions";

/** A new account with a password the admin chooses and passes on (or they reset it later). */
export function CreateUserForm() {
  const { formRef, message, pending, mark, onSubmit } = useInlineForm(
    "create-user-message",
    (data) => {
      const name = String(data.get("name") ?? "").trim();
      return createUserAction({
        email: String(data.get("email") ?? ""),
        name: name || undefined,
        password: String(data.get("password") ?? ""),
        role: String(data.get("role") ?? "annotator"),
      });
    },
    (user) => `Created ${user.email}.`,
  );

  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-2 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_8rem_auto] lg:items-end">
      <label className="block text-xs font-medium">
        Email
        <input name="email" type="email" required autoComplete="off" {...mark("email")} />
      </label>
      <label className="block text-xs font-medium">
        Name <span className="font-normal text-gray-600">(optional)</span>
        <input name="name" maxLength={100} autoComplete="off" {...mark("name")} />
      </label>
      <label className="block text-xs font-medium">
        Password <span className="font-normal text-gray-600">(10+ characters)</span>
        <input name="password" type="password" minLength={10} required autoComplete="new-password" {...mark("password")} />
      </label>
      <label className="block text-xs font-medium">
        Role
        <select name="role" defaultValue="annotator" {...mark("role")}>
          <option value="annotator">annotator</option>
          <option value="lead">lead</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Creating…" : "Create user"}
      </Button>
      {message ? (
        <p id="create-user-message" role={message.ok ? "status" : "alert"} className={`text-sm sm:col-span-2 lg:col-span-5 ${message.ok ? "text-gray-800" : "text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
