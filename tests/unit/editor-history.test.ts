import { describe, expect, it } from "vitest";
import { changeGroupKey, createHistory, GROUP_WINDOW_MS, HISTORY_LIMIT, record, redo, undo } from "@/lib/editor/history";
import type { WorkflowDocument } from "@/lib/document/schema";

function doc(patch: Partial<WorkflowDocument> = {}): WorkflowDocument {
  return {
    version: 1,
    name: "W",
    nodes: [
      { id: "manual_trigger", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
      { id: "http_1", type: "action.http", position: { x: 200, y: 0 }, config: { url: "https://a" } },
    ],
    edges: [{ id: "e1", source: "manual_trigger", target: "http_1" }],
    ...patch,
  };
}

describe("document history", () => {
  it("undoes and redoes steps in order, and a new change drops the redo steps", () => {
    let h = createHistory("a");
    h = record(h, "b", 0);
    h = record(h, "c", 10_000);
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe("b");
    h = record(h, "d", 20_000);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe("b");
  });

  it("merges a burst of changes with one group key into one step", () => {
    let h = createHistory("");
    h = record(h, "h", 0, "node:http_1");
    h = record(h, "he", 300, "node:http_1");
    h = record(h, "hel", 600, "node:http_1");
    expect(h.past).toEqual([""]);
    expect(undo(h).present).toBe("");
  });

  it("starts a new step after a pause, for another key, or after an undo", () => {
    let h = createHistory("");
    h = record(h, "a", 0, "node:x");
    h = record(h, "ab", GROUP_WINDOW_MS + 1, "node:x");
    expect(h.past).toEqual(["", "a"]);
    h = record(h, "ab!", GROUP_WINDOW_MS + 2, "name");
    expect(h.past).toEqual(["", "a", "ab"]);
    h = record(h, "ab!?", GROUP_WINDOW_MS + 3);
    h = record(h, "ab!?.", GROUP_WINDOW_MS + 4);
    expect(h.past).toHaveLength(5);
    h = undo(h);
    h = record(h, "z", GROUP_WINDOW_MS + 5, "name");
    expect(h.past.at(-1)).toBe("ab!?");
  });

  it("keeps at least 100 steps and drops the oldest beyond the limit", () => {
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100);
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i, i * 10_000);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT; i++) h = undo(h);
    expect(h.present).toBe(50);
    expect(undo(h)).toBe(h);
  });

  it("groups edits of one node's config or the name, never structural changes", () => {
    const base = doc();
    const typed = doc({ nodes: [base.nodes[0], { ...base.nodes[1], config: { url: "https://ab" } }] });
    expect(changeGroupKey(base, typed)).toBe("node:http_1");
    expect(changeGroupKey(base, doc({ name: "W2" }))).toBe("name");
    const moved = doc({ nodes: [base.nodes[0], { ...base.nodes[1], position: { x: 220, y: 0 } }] });
    expect(changeGroupKey(base, moved)).toBeUndefined();
    expect(changeGroupKey(base, doc({ edges: [] }))).toBeUndefined();
    expect(changeGroupKey(base, doc({ nodes: [base.nodes[0]] }))).toBeUndefined();
    const both = doc({ name: "W2", nodes: typed.nodes });
    expect(changeGroupKey(base, both)).toBeUndefined();
  });
});
