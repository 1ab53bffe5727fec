import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "@/lib/execution/retry";
import { retryPolicySchema } from "@/lib/document/schema";

const policy = (input: Record<string, unknown>) => retryPolicySchema.parse(input);

describe("retry backoff", () => {
  it("doubles from the initial delay when exponential, and stays put when fixed", () => {
    const exponential = policy({ initialDelayMs: 1000 });
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(exponential, n))).toEqual([1000, 2000, 4000, 8000]);
    const fixed = policy({ initialDelayMs: 250, backoff: "fixed" });
    expect([1, 2, 3].map((n) => backoffDelayMs(fixed, n))).toEqual([250, 250, 250]);
  });

  it("never waits longer than maxDelayMs", () => {
    const capped = policy({ initialDelayMs: 1000, maxDelayMs: 5000 });
    expect([3, 4, 10].map((n) => backoffDelayMs(capped, n))).toEqual([4000, 5000, 5000]);
  });

  it("with jitter waits between half and all of the delay", () => {
    const jittered = policy({ initialDelayMs: 1000, jitter: true });
    expect(backoffDelayMs(jittered, 2, () => 0)).toBe(1000);
    expect(backoffDelayMs(jittered, 2, () => 0.5)).toBe(1500);
    expect(backoffDelayMs(jittered, 2, () => 0.999)).toBe(1999);
  });
});
