/**
 * The limits a real Inngest server puts on a function run, enforced by the embedded engine too
 * so a workflow that runs here also runs on Inngest (and fails the same way when it would not).
 * From Inngest's documented usage limits (https://www.inngest.com/docs/usage-limits/inngest):
 * at most 1,000 steps per function run, 4 MB of data returned by a step, 32 MB of function run
 * state, and sleeps (step.sleep, step.sleepUntil) of up to a year. Inngest's MB are MiB
 * (its consts.MaxStepOutputSize is 4 * 1024 * 1024). A year is 365.25 days, what the SDK's
 * duration parser (the `ms` package) makes of "1y", so a sleep of "1y" is allowed.
 */
export const INNGEST_LIMITS = {
  stepsPerRun: 1000,
  stepOutputBytes: 4 * 1024 * 1024,
  runStateBytes: 32 * 1024 * 1024,
  sleepMs: 365.25 * 24 * 60 * 60 * 1000,
} as const;

/** A run ended for going over a limit: the error it fails with (named like Inngest's own). */
export interface LimitError {
  name: "InngestErrFunctionOverflowed" | "InngestErrStepOutputTooLarge" | "InngestErrStateOverflowed";
  message: string;
}

/** Bytes of a step's result as stored and sent back to the SDK: its serialized JSON. */
export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

/** What a run has stored so far: memoized step results and their bytes. */
export interface RunUsage {
  steps: number;
  bytes: number;
}

/**
 * Whether storing `incoming` step results (bytes of each) on top of `usage` keeps the run within
 * Inngest's limits; the error to fail it with when not.
 */
export function checkStepResults(usage: RunUsage, incoming: { id: string; bytes: number }[]): LimitError | null {
  const tooLarge = incoming.find((step) => step.bytes > INNGEST_LIMITS.stepOutputBytes);
  if (tooLarge) {
    return {
      name: "InngestErrStepOutputTooLarge",
      message: `Step output is ${megabytes(tooLarge.bytes)}; Inngest allows at most ${megabytes(INNGEST_LIMITS.stepOutputBytes)} per step (step "${tooLarge.id}")`,
    };
  }
  if (usage.steps + incoming.length > INNGEST_LIMITS.stepsPerRun) return stepLimitError();
  const bytes = usage.bytes + incoming.reduce((sum, step) => sum + step.bytes, 0);
  if (bytes > INNGEST_LIMITS.runStateBytes) {
    return {
      name: "InngestErrStateOverflowed",
      message: `Run state would be ${megabytes(bytes)} of step outputs; Inngest allows at most ${megabytes(INNGEST_LIMITS.runStateBytes)} per run`,
    };
  }
  return null;
}

export function stepLimitError(): LimitError {
  return {
    name: "InngestErrFunctionOverflowed",
    message: `This run has used ${INNGEST_LIMITS.stepsPerRun.toLocaleString("en-US")} steps, Inngest's limit per run`,
  };
}

/** "5.2 MB" (MiB, as Inngest counts them); whole numbers without a decimal ("4 MB"). */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  // Just over a limit should not read as the limit itself ("4.0 MB"): two decimals then.
  const shown = Number.isInteger(mb) ? String(mb) : mb.toFixed(1).endsWith(".0") ? mb.toFixed(2) : mb.toFixed(1);
  return `${shown} MB`;
}
