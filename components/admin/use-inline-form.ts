"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { inputClass } from "@/components/ui/field";
import { invalidProps } from "@/components/ui/form-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import type { ActionResult } from "@/lib/validations/error-response";

export type InlineFormMessage = { ok: boolean; text: string; fields?: Record<string, string> };

/**
 * A one-line admin form (add a member, create a user) whose messages show in
 * one place, `messageId`: `send` turns the form's data into the action's
 * call; a refusal lists the fields' messages, marks those controls (`mark`)
 * and focuses the first; success shows `saved(data)`, clears the form and
 * refreshes the page.
 */
export function useInlineForm<T>(messageId: string, send: (data: FormData) => Promise<ActionResult<T>>, saved: (data: T) => string) {
  const router = useRouter();
  const [message, setMessage] = useState<InlineFormMessage | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, message?.fields);
  const mark = (name: string) => {
    const { className, ...aria } = invalidProps(message?.fields, name, messageId);
    return { ...aria, className: `${inputClass} mt-0.5 ${className}` };
  };

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    const result = await send(data);
    setPending(false);
    if (!result.ok) return setMessage({ ok: false, text: result.fields ? Object.values(result.fields).join(" ") : result.error, fields: result.fields });
    setMessage({ ok: true, text: saved(result.data) });
    form.reset();
    router.refresh();
  }
  return { formRef, message, pending, mark, onSubmit };
}
