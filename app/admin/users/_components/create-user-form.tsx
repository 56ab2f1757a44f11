"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { invalidProps } from "@/components/ui/form-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { createUserAction } from "../actions";

/** A new account with a password the admin chooses and passes on (or they reset it later). */
export function CreateUserForm() {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string; fields?: Record<string, string> } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, message?.fields);
  const mark = (name: string) => {
    const { className, ...aria } = invalidProps(message?.fields, name, "create-user-message");
    return { ...aria, className: `${inputClass} mt-0.5 ${className}` };
  };
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    setPending(true);
    const result = await createUserAction({
      email: String(data.get("email") ?? ""),
      name: name || undefined,
      password: String(data.get("password") ?? ""),
      role: String(data.get("role") ?? "annotator"),
    });
    setPending(false);
    if (!result.ok) return setMessage({ ok: false, text: result.fields ? Object.values(result.fields).join(" ") : result.error, fields: result.fields });
    setMessage({ ok: true, text: `Created ${result.data.email}.` });
    form.reset();
    router.refresh();
  }

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
