import { describe, expect, it } from "vitest";
import { checkStepResults, INNGEST_LIMITS, jsonBytes, megabytes } from "@/lib/engine/limits";
import { parseInngestDuration, resolveInngestTime, sleepEnd } from "@/lib/engine/time";

const MB = 1024 * 1024;
const DAY = 86_400_000;
const NOW = Date.parse("2030-01-01T00:00:00.000Z");

describe("sleep durations as Inngest reads them", () => {
  it("reads ms-style strings and numbers of milliseconds", () => {
    expect(parseInngestDuration("500ms")).toBe(500);
    expect(parseInngestDuration("1.5h")).toBe(5_400_000);
    expect(parseInngestDuration("2d")).toBe(2 * DAY);
    expect(parseInngestDuration("10 seconds")).toBe(10_000);
    expect(parseInngestDuration("3 Days")).toBe(3 * DAY);
    expect(parseInngestDuration("1y")).toBe(365.25 * DAY);
    expect(parseInngestDuration(".5s")).toBe(500);
    expect(parseInngestDuration("1500")).toBe(1500);
    expect(parseInngestDuration(3_600_000)).toBe(3_600_000);
  });

  it("reads the compound form the SDK sends (its timeStr) and Go's", () => {
    // step.sleep("x", "1.5h") arrives as "1h30m", "500ms" as "1s", 8 days as "1w1d".
    expect(parseInngestDuration("1h30m")).toBe(5_400_000);
    expect(parseInngestDuration("1w1d")).toBe(8 * DAY);
    expect(parseInngestDuration("2h3m4s")).toBe(7_384_000);
    expect(parseInngestDuration("1m30.5s")).toBe(90_500);
    expect(parseInngestDuration("1h 30m")).toBe(5_400_000);
  });

  it("reads the empty string as zero: the SDK's encoding of a zero sleep", () => {
    expect(parseInngestDuration("")).toBe(0);
    expect(resolveInngestTime("", NOW).getTime()).toBe(NOW);
  });

  it("is not fooled by timestamps or unknown units", () => {
    for (const bad of ["2030-02-01T00:00:00Z", "5x", "1h30", "h", "1 fortnight", "1..5h", "NaN"]) expect(parseInngestDuration(bad)).toBeNull();
    expect(parseInngestDuration(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it("resolves durations from now and timestamps as given; a time in the past is now", () => {
    expect(resolveInngestTime("1h30m", NOW).getTime()).toBe(NOW + 5_400_000);
    expect(resolveInngestTime("2030-02-01T00:00:00.000Z", NOW).toISOString()).toBe("2030-02-01T00:00:00.000Z");
    expect(resolveInngestTime("-5s", NOW).getTime()).toBe(NOW);
    expect(() => resolveInngestTime("soon", NOW)).toThrow('Unrecognised time "soon"');
  });

  it("allows sleeps up to a year and refuses longer ones, as durations or times", () => {
    expect(sleepEnd("1y", NOW).getTime()).toBe(NOW + 365.25 * DAY);
    expect(sleepEnd("52w1d", NOW).getTime()).toBe(NOW + 365 * DAY);
    expect(() => sleepEnd("366d", NOW)).toThrow("A sleep of 366 days is longer than Inngest's maximum of 1 year");
    expect(() => sleepEnd("57w1d", NOW)).toThrow("A sleep of 400 days is longer than Inngest's maximum of 1 year");
    expect(() => sleepEnd(new Date(NOW + 400 * DAY).toISOString(), NOW)).toThrow("A sleep of 400 days is longer than Inngest's maximum of 1 year");
  });
});

describe("Inngest's run limits", () => {
  it("measures a step's output as its serialized JSON, in UTF-8 bytes", () => {
    expect(jsonBytes({ a: 1 })).toBe(7);
    expect(jsonBytes("é")).toBe(4);
    expect(jsonBytes(null)).toBe(4);
  });

  it("allows a step output of exactly 4 MB and refuses one byte more, naming the limit", () => {
    const none = { steps: 0, bytes: 0 };
    expect(checkStepResults(none, [{ id: "a", bytes: 4 * MB }])).toBeNull();
    expect(checkStepResults(none, [{ id: "a", bytes: 4 * MB + 1 }])).toMatchObject({ name: "InngestErrStepOutputTooLarge" });
    expect(checkStepResults(none, [{ id: "node:big", bytes: 5.2 * MB }])?.message).toBe('Step output is 5.2 MB; Inngest allows at most 4 MB per step (step "node:big")');
  });

  it("allows 1,000 steps per run and refuses the 1,001st", () => {
    expect(checkStepResults({ steps: 999, bytes: 0 }, [{ id: "last", bytes: 10 }])).toBeNull();
    expect(checkStepResults({ steps: 1000, bytes: 0 }, [{ id: "one-more", bytes: 10 }])).toEqual({
      name: "InngestErrFunctionOverflowed",
      message: "This run has used 1,000 steps, Inngest's limit per run",
    });
    // Several results in one checkpoint count together.
    expect(checkStepResults({ steps: 998, bytes: 0 }, [1, 2, 3].map((i) => ({ id: `s${i}`, bytes: 1 })))?.name).toBe("InngestErrFunctionOverflowed");
  });

  it("allows 32 MB of run state and refuses a result that goes over, even when the step itself is small enough", () => {
    const used = { steps: 8, bytes: 31 * MB };
    expect(checkStepResults(used, [{ id: "fits", bytes: MB }])).toBeNull();
    expect(checkStepResults(used, [{ id: "over", bytes: 3.9 * MB }])).toEqual({
      name: "InngestErrStateOverflowed",
      message: "Run state would be 34.9 MB of step outputs; Inngest allows at most 32 MB per run",
    });
  });

  it("checks the per-step limit before the others, so the message names the step that is too large", () => {
    expect(checkStepResults({ steps: 1000, bytes: 32 * MB }, [{ id: "big", bytes: 5 * MB }])?.name).toBe("InngestErrStepOutputTooLarge");
  });

  it("writes sizes so that just over a limit does not read as the limit", () => {
    expect(megabytes(4 * MB)).toBe("4 MB");
    expect(megabytes(4 * MB + 1)).toBe("4.00 MB");
    expect(megabytes(4.04 * MB)).toBe("4.04 MB");
    expect(megabytes(5.2 * MB)).toBe("5.2 MB");
    expect(INNGEST_LIMITS).toEqual({ stepsPerRun: 1000, stepOutputBytes: 4 * MB, runStateBytes: 32 * MB, sleepMs: 365.25 * DAY });
  });
});
