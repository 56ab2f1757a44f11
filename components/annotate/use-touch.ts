"use client";

import { useSyncExternalStore } from "react";

/** The same query as the CSS that hides key hints (app/globals.css): a touch screen without a hovering pointer. */
export const TOUCH_QUERY = "(hover: none) and (pointer: coarse)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(TOUCH_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** True on touch devices (phones, tablets): key hints are left out there. False on the server. */
export function useTouch(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(TOUCH_QUERY).matches,
    () => false,
  );
}
