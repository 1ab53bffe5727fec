import { describe, expect, it } from "vitest";
import { referencedSteps } from "@/lib/document/step-references";
import { chunkSize, LOOP_INLINE_STEPS, runsInChunks } from "@/lib/execution/loop-chunks";

describe("large loops", () => {
  it("run inline while iterations × body nodes stay within the inline budget, in chunks beyond it", () => {
    expect(runsInChunks(LOOP_INLINE_STEPS, 1)).toBe(false);
    expect(runsInChunks(LOOP_INLINE_STEPS + 1, 1)).toBe(true);
    expect(runsInChunks(100, 4)).toBe(false);
    expect(runsInChunks(101, 4)).toBe(true);
    // A split with nothing after it still counts one step per iteration.
    expect(runsInChunks(LOOP_INLINE_STEPS + 1, 0)).toBe(true);
  });

  it("give each chunk about 200 body steps, and at least one item", () => {
    expect(chunkSize(1)).toBe(200);
    expect(chunkSize(3)).toBe(66);
    expect(chunkSize(500)).toBe(1);
  });

  it("hand a chunk the outer nodes its body's expressions name", () => {
    const body = [
      { config: { url: "https://api.example.com/{{ steps.lookup.body.id }}", body: { who: "{{ steps.auth.token }}" } } },
      { config: { expression: "$sum(steps.prices) + steps.each.total" } },
      {},
    ];
    expect([...referencedSteps(body)].sort()).toEqual(["auth", "each", "lookup", "prices"]);
  });
});
