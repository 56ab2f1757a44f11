"use client";

import { useSyncExternalStore } from "react";

/** The same query as the CSS that hides key hints (app/globals.css): a touch screen without a hovering pointer. */
export const TOUCH_QUERY = "(hover: none) and (pointer: coarse)";
/** Below Tailwind's `sm` (640 px), where the judge bar shows no key hints either. */
export const NARROW_QUERY = "(max-width: 639.98px)";

/** Whether a media query matches now, following its changes. False on the server. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = window.matchMedia(query);
      media.addEventListener("change", onChange);
      return () => media.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** True on touch devices (phones, tablets): key hints are left out there. */
export function useTouch(): boolean {
  return useMediaQuery(TOUCH_QUERY);
}
