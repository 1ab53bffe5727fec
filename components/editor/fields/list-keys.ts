"use client";

import { useRef, useState } from "react";

/**
 * React keys for the items of a list that has no ids of its own, kept in step with add, remove
 * and move so each item keeps its inputs (and their half-typed text) when others change.
 */
export function useListKeys(length: number) {
  // Only a source of unique keys: its value never shows, so reading it while rendering is safe.
  const next = useRef(0);
  // eslint-disable-next-line react-hooks/refs -- see above
  const [keys, setKeys] = useState(() => Array.from({ length }, () => next.current++));
  // The list was changed from outside (e.g. another control): start over with fresh keys.
  // eslint-disable-next-line react-hooks/refs -- see above
  if (keys.length !== length) setKeys(Array.from({ length }, () => next.current++));

  return {
    keys,
    add: () => {
      const key = next.current++;
      setKeys((current) => [...current, key]);
      return key;
    },
    remove: (index: number) => setKeys((current) => current.filter((_, i) => i !== index)),
    move: (from: number, to: number) => setKeys((current) => moveItem(current, from, to)),
  };
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
