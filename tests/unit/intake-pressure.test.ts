import { afterEach, describe, expect, it } from "vitest";
import { engineShare, intakeActive, intakeStarted, resetIntakePressure } from "@/lib/server/intake-pressure";

afterEach(resetIntakePressure);

/** One webhook request in the window starting at `at`, taking `ms` to be stored. */
function request(at: number, ms: number) {
  intakeStarted(at)(at + ms);
}

describe("engine share under webhook intake", () => {
  it("is all of the time while no webhooks come", () => {
    expect(engineShare(10_000)).toBe(1);
    expect(intakeActive(10_000)).toBe(false);
  });

  it("halves for every window in which deliveries waited, down to a tenth", () => {
    const shares: number[] = [];
    for (let w = 1; w <= 6; w++) {
      request(w * 100 + 10, 50);
      shares.push(engineShare(w * 100 + 99));
    }
    engineShare(700);
    expect(shares[0]).toBe(1);
    expect(engineShare(701)).toBeCloseTo(0.1, 5);
    expect(shares.slice(1)).toEqual([0.5, 0.25, 0.125, 0.1, 0.1]);
    expect(intakeActive(701)).toBe(true);
  });

  it("stays whole while deliveries are stored quickly", () => {
    for (let w = 1; w <= 5; w++) request(w * 100 + 10, 2);
    expect(engineShare(600)).toBe(1);
  });

  it("grows back a tenth per quick or quiet window, and intake stops counting as active after a second", () => {
    for (let w = 1; w <= 5; w++) request(w * 100 + 10, 50);
    expect(engineShare(600)).toBeLessThanOrEqual(0.125);
    const low = engineShare(600);
    request(610, 1);
    expect(engineShare(700)).toBeCloseTo(low + 0.1, 5);
    expect(engineShare(1_200)).toBeCloseTo(low + 0.6, 5);
    expect(engineShare(1_600)).toBe(1);
    expect(intakeActive(1_500)).toBe(true);
    expect(intakeActive(1_700)).toBe(false);
  });
});
