/**
 * Anomaly detection for one workflow and one hour, with no model: the hour is compared with the
 * same hour of the week in the previous weeks (its baseline), so a workflow that is quiet every
 * Sunday night is not flagged on Sunday night. A finding needs both a large change and a small
 * probability under the baseline (Poisson for run volume, binomial for failures), so a workflow
 * with a handful of runs an hour does not alert on chance. The method is described for users in
 * docs/monitoring.md#anomaly-alerts.
 */

/** What one hour of a workflow's runs looked like. */
export interface HourCounts {
  /** Runs created in the hour, any status. */
  runs: number;
  completed: number;
  failed: number;
  /** p95 duration of the hour's completed runs, in ms; null when none completed. */
  p95Ms: number | null;
}

export type AnomalyKind = "volume_drop" | "error_spike" | "slow_runs";

export interface Anomaly {
  kind: AnomalyKind;
  /** Runs, error rate (0..1) or p95 ms, by kind. */
  observed: number;
  /** The baseline's value of the same measure. */
  expected: number;
  /** One sentence with the numbers. */
  summary: string;
}

export const ANOMALY_METHOD = {
  /** Weeks of history the baseline reads (the same hour of the week in each). */
  baselineWeeks: 4,
  /** Fewer weeks of history than this: still learning, nothing is flagged. */
  minBaselineWeeks: 2,
  /** A change is flagged only when the baseline gives it less than this probability. */
  significance: 0.001,
  /** A volume drop is flagged only below this share of the expected runs. */
  volumeDropRatio: 0.5,
  /** An error spike needs at least this many failed runs in the hour. */
  minFailures: 3,
  /** Baseline error rates below this count as this rate, so one past failure-free month does not make every failure an anomaly. */
  minErrorRate: 0.01,
  /** Slow runs: at least this many completed runs in the hour and in a baseline week for its p95 to count. */
  minCompletedForP95: 5,
  /** Slow runs: the hour's p95 at least this many times the baseline's … */
  slowRatio: 2,
  /** … and at least this many ms slower. */
  minSlowdownMs: 500,
} as const;

/** The findings for `current` against the same hour in earlier weeks (`baseline`, newest first). */
export function detectAnomalies(current: HourCounts, baseline: HourCounts[]): Anomaly[] {
  if (baseline.length < ANOMALY_METHOD.minBaselineWeeks) return [];
  return [volumeDrop(current, baseline), errorSpike(current, baseline), slowRuns(current, baseline)].filter((a): a is Anomaly => a !== null);
}

function volumeDrop(current: HourCounts, baseline: HourCounts[]): Anomaly | null {
  const expected = median(baseline.map((week) => week.runs));
  if (current.runs >= expected * ANOMALY_METHOD.volumeDropRatio) return null;
  if (poissonAtMost(current.runs, expected) >= ANOMALY_METHOD.significance) return null;
  return { kind: "volume_drop", observed: current.runs, expected, summary: `${current.runs} runs in the hour where the same hour of earlier weeks had ${round(expected)} (median of ${baseline.length} weeks)` };
}

function errorSpike(current: HourCounts, baseline: HourCounts[]): Anomaly | null {
  const finished = current.completed + current.failed;
  if (current.failed < ANOMALY_METHOD.minFailures) return null;
  const pastFinished = sum(baseline.map((week) => week.completed + week.failed));
  if (!pastFinished) return null;
  const expected = sum(baseline.map((week) => week.failed)) / pastFinished;
  const observed = current.failed / finished;
  if (observed <= expected) return null;
  if (binomialAtLeast(current.failed, finished, Math.max(expected, ANOMALY_METHOD.minErrorRate)) >= ANOMALY_METHOD.significance) return null;
  return { kind: "error_spike", observed, expected, summary: `${current.failed} of ${finished} runs failed (${percent(observed)}) where the same hour of earlier weeks failed ${percent(expected)}` };
}

function slowRuns(current: HourCounts, baseline: HourCounts[]): Anomaly | null {
  if (current.p95Ms === null || current.completed < ANOMALY_METHOD.minCompletedForP95) return null;
  const weeks = baseline.filter((week) => week.p95Ms !== null && week.completed >= ANOMALY_METHOD.minCompletedForP95).map((week) => week.p95Ms as number);
  if (weeks.length < ANOMALY_METHOD.minBaselineWeeks) return null;
  const expected = median(weeks);
  if (current.p95Ms < expected * ANOMALY_METHOD.slowRatio || current.p95Ms - expected < ANOMALY_METHOD.minSlowdownMs) return null;
  return { kind: "slow_runs", observed: current.p95Ms, expected, summary: `p95 duration ${seconds(current.p95Ms)} where the same hour of earlier weeks had ${seconds(expected)}` };
}

/** P(X ≤ k) for X ~ Poisson(λ), summed in log space (λ can be in the thousands). */
export function poissonAtMost(k: number, lambda: number): number {
  if (lambda <= 0) return 1;
  let logTerm = -lambda;
  let total = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(lambda) - Math.log(i);
    total += Math.exp(logTerm);
  }
  return Math.min(1, total);
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed from k upward in log space until the terms vanish. */
export function binomialAtLeast(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p >= 1) return 1;
  let logTerm = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  let total = 0;
  for (let i = k; i <= n; i++) {
    const term = Math.exp(logTerm);
    total += term;
    if (i > n * p && term < total * 1e-12) break;
    logTerm += Math.log(n - i) - Math.log(i + 1) + Math.log(p) - Math.log1p(-p);
  }
  return Math.min(1, total);
}

function logChoose(n: number, k: number): number {
  let result = 0;
  for (let i = 1; i <= Math.min(k, n - k); i++) result += Math.log(n - i + 1) - Math.log(i);
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const round = (value: number) => Math.round(value * 10) / 10;
const percent = (rate: number) => `${round(rate * 100)}%`;
const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${round(ms / 1000)} s`);
