"use client";

import { useEffect, useState } from "react";

/** The current time, refreshed every `intervalMs` while `enabled`, for clocks and "x ago" labels. */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a clock switched back on shows the time at once, not one interval later
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, enabled]);
  return now;
}
