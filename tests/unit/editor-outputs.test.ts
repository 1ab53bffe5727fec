import { describe, expect, it } from "vitest";
import { canvasHandles, renamedOutputs } from "@/lib/editor/outputs";

const outputs = (...ids: string[]) => ids.map((id) => ({ id, label: id }));

describe("canvasHandles", () => {
  it("draws the outputs, the error output marked, then handles connections still use", () => {
    expect(canvasHandles([{ id: "main", label: "" }, { id: "error", label: "error" }], ["main", "error"])).toEqual([
      { id: "main", label: "" },
      { id: "error", label: "error", error: true },
    ]);
    expect(canvasHandles(outputs("urgent", "low", "default"), ["high", "low", "high"])).toEqual([
      ...outputs("urgent", "low", "default"),
      { id: "high", label: "high", missing: true },
    ]);
  });
});

describe("renamedOutputs", () => {
  it("pairs an output whose name changed in place", () => {
    expect(renamedOutputs(outputs("high", "low", "default"), outputs("urgent", "low", "default"))).toEqual(new Map([["high", "urgent"]]));
  });

  it("renames nothing when outputs are reordered, added or removed", () => {
    expect(renamedOutputs(outputs("high", "low", "default"), outputs("low", "high", "default")).size).toBe(0);
    expect(renamedOutputs(outputs("high", "default"), outputs("high", "mid", "default")).size).toBe(0);
    expect(renamedOutputs(outputs("main"), outputs("main", "error")).size).toBe(0);
    expect(renamedOutputs(outputs("high", "low", "default"), outputs("low", "default")).size).toBe(0);
  });

  it("does not take a name that another output had", () => {
    // "a" became "b" at the first position, but "b" already existed: ambiguous, so nothing moves there.
    expect(renamedOutputs(outputs("a", "b", "default"), outputs("b", "c", "default"))).toEqual(new Map());
  });
});
