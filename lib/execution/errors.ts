/** The run's time budget (workflow setting `timeoutMs`) is used up. Never retried, never swallowed by onError. */
export class RunTimeoutError extends Error {
  constructor(message = "The run exceeded its time limit") {
    super(message);
    this.name = "RunTimeoutError";
  }
}

export class StepTimeoutError extends Error {
  constructor(ms: number) {
    super(`Step timed out after ${ms} ms`);
    this.name = "StepTimeoutError";
  }
}

/** True for a RunTimeoutError, also after Inngest wrapped it (a failed step's error carries it as `cause`). */
export function isRunTimeout(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.name === "RunTimeoutError") return true;
  }
  return false;
}
