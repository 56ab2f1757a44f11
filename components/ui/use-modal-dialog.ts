"use client";

import { useLayoutEffect, useRef } from "react";

/**
 * A ref for a <dialog> that opens as a modal when it mounts. Layout effect:
 * the dialog is modal from the first frame, so a key pressed right after the
 * one that opened it lands inside it.
 */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return ref;
}
