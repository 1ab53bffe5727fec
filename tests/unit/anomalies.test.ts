import { describe, expect, it } from "vitest";
import { binomialAtLeast, detectAnomalies, poissonAtMost, type HourCounts } from "@/lib/runs/anomalies/detect";

const hour = (runs: number, failed = 0, p95Ms: number | null = 200): HourCounts => ({ runs, completed: runs - failed, failed, p95Ms });
const usual = [hour(50, 1), hour(48, 0), hour(53, 2), hour(51, 1)];

describe("anomaly detection against the same hour of earlier weeks", () => {
  it("finds nothing in an ordinary hour", () => {
    expect(detectAnomalies(hour(46, 1, 230), usual)).toEqual([]);
    expect(detectAnomalies(hour(60, 2, 180), usual)).toEqual([]);
  });

  it("finds a silent drop in volume, with the numbers", () => {
    const [drop, ...rest] = detectAnomalies(hour(4), usual);
    expect(rest).toEqual([]);
    expect(drop).toMatchObject({ kind: "volume_drop", observed: 4, expected: 50.5 });
    expect(drop.summary).toBe("4 runs in the hour where the same hour of earlier weeks had 50.5 (median of 4 weeks)");
    expect(detectAnomalies(hour(0, 0, null), usual).map((a) => a.kind)).toEqual(["volume_drop"]);
  });

  it("does not call chance a drop when a workflow runs a few times an hour", () => {
    expect(detectAnomalies(hour(0, 0, null), [hour(3), hour(2), hour(4)])).toEqual([]);
    expect(detectAnomalies(hour(1), [hour(12), hour(10), hour(11)]).map((a) => a.kind)).toEqual(["volume_drop"]);
  });

  it("uses the median, so one unusual week does not move the baseline", () => {
    expect(detectAnomalies(hour(45), [hour(50), hour(52), hour(49), hour(5000)])).toEqual([]);
  });

  it("finds a spike in failures against the baseline's error rate", () => {
    const [spike] = detectAnomalies(hour(50, 12), usual);
    expect(spike).toMatchObject({ kind: "error_spike", observed: 12 / 50, expected: 4 / 202 });
    expect(spike.summary).toBe("12 of 50 runs failed (24%) where the same hour of earlier weeks failed 2%");
    // Two failures are below the minimum; three of 50 at a 2% baseline are within chance.
    expect(detectAnomalies(hour(50, 2), usual)).toEqual([]);
    expect(detectAnomalies(hour(50, 3), usual)).toEqual([]);
  });

  it("finds slow runs only when the p95 both doubles and grows by half a second", () => {
    expect(detectAnomalies(hour(50, 1, 3200), usual)).toMatchObject([{ kind: "slow_runs", observed: 3200, expected: 200, summary: "p95 duration 3.2 s where the same hour of earlier weeks had 200 ms" }]);
    expect(detectAnomalies(hour(50, 1, 650), usual)).toEqual([]);
    const slowBaseline = [hour(50, 0, 2000), hour(50, 0, 2100), hour(50, 0, 1900)];
    expect(detectAnomalies(hour(50, 0, 3500), slowBaseline)).toEqual([]);
  });

  it("learns for two weeks before flagging anything", () => {
    expect(detectAnomalies(hour(0, 0, null), [hour(500)])).toEqual([]);
    expect(detectAnomalies(hour(0, 0, null), [])).toEqual([]);
  });
});

describe("tail probabilities", () => {
  it("computes the Poisson lower tail", () => {
    expect(poissonAtMost(0, 2)).toBeCloseTo(Math.exp(-2), 12);
    expect(poissonAtMost(1, 10)).toBeCloseTo(11 * Math.exp(-10), 12);
    expect(poissonAtMost(5, 0)).toBe(1);
    expect(poissonAtMost(100, 5000)).toBe(0);
  });

  it("computes the binomial upper tail, also for large counts", () => {
    expect(binomialAtLeast(1, 10, 0.1)).toBeCloseTo(1 - 0.9 ** 10, 12);
    expect(binomialAtLeast(10, 10, 0.5)).toBeCloseTo(0.5 ** 10, 12);
    expect(binomialAtLeast(0, 10, 0.5)).toBe(1);
    expect(binomialAtLeast(11, 10, 0.5)).toBe(0);
    expect(binomialAtLeast(5000, 100_000, 0.05)).toBeCloseTo(0.5, 1);
    expect(binomialAtLeast(6000, 100_000, 0.05)).toBeLessThan(1e-40);
  });
});
