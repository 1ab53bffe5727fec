"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { changeGroupKey, createHistory, record, redo, undo, type History } from "@/lib/editor/history";
import type { WorkflowDocument } from "@/lib/document/schema";

interface Snapshot {
  document: WorkflowDocument;
  fingerprint: string;
}

/** The history outside React state, so recording after a render does not cascade renders. */
class HistoryStore {
  private history: History<Snapshot>;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Snapshot) {
    this.history = createHistory(initial);
  }

  readonly get = () => this.history;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  set(next: History<Snapshot>) {
    if (next === this.history) return;
    this.history = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * One history for every edit of the document, wherever it was made: each change the canvas or the
 * inspector makes is recorded once it settles (a drag when the node is dropped, a typing burst as
 * one step). Undo and redo hand the snapshot to `restore`, which puts it on the canvas.
 */
export function useDocumentHistory(document: WorkflowDocument, fingerprint: string, dragging: boolean, restore: (document: WorkflowDocument) => void) {
  const [store] = useState(() => new HistoryStore({ document, fingerprint }));
  const history = useSyncExternalStore(store.subscribe, store.get, store.get);

  useEffect(() => {
    if (dragging) return;
    const current = store.get();
    if (current.present.fingerprint === fingerprint) return;
    store.set(record(current, { document, fingerprint }, Date.now(), changeGroupKey(current.present.document, document)));
  }, [store, document, fingerprint, dragging]);

  const step = useCallback(
    (move: typeof undo) => {
      const current = store.get();
      const next = move(current);
      if (next === current) return;
      store.set(next);
      restore(next.present.document);
    },
    [store, restore],
  );

  return {
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    undo: useCallback(() => step(undo), [step]),
    redo: useCallback(() => step(redo), [step]),
  };
}
