import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "@/lib/document/duration";

describe("durations", () => {
  it("parses units and combinations", () => {
    expect(parseDuration("10s")).toBe(10_000);
    expect(parseDuration("5m")).toBe(300_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("1h 30m")).toBe(5_400_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("2d")).toBe(172_800_000);
  });

  it("rejects anything else", () => {
    for (const bad of ["", "10", "s", "10 seconds", "5x", "1h-30m"]) expect(parseDuration(bad)).toBeNull();
  });

  it("formats for people", () => {
    expect(formatDuration(450)).toBe("450ms");
    expect(formatDuration(1234)).toBe("1.23s");
    expect(formatDuration(95_000)).toBe("1m 35s");
    expect(formatDuration(3 * 3600_000 + 60_000)).toBe("3h 1m");
  });
});
