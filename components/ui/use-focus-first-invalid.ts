"use client";

import { useEffect, type RefObject } from "react";

/**
 * After a refused submit, focus the first field marked invalid in the form
 * (document order), so keyboard and screen-reader users land on it.
 * `errors` changes identity with each refusal, so a second refusal focuses again.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, errors: object | undefined) {
  useEffect(() => {
    if (!errors || Object.keys(errors).length === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) {
      first.focus();
      first.scrollIntoView?.({ block: "center" });
    }
  }, [form, errors]);
}
