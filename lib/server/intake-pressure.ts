import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

/**
 * Webhook callers wait on the line (and give up and retry after about 10 s, as Stripe and GitHub
 * do); runs queued for the embedded engine are stored and can wait. A run executes as one long
 * chain of promise callbacks (the SDK and SQLite queries never wait on a socket), during which
 * the process reads no new request. So when webhook requests arrive while the event loop lags,
 * or while they take long to be stored, the engine's share of the time is halved each window
 * (down to MIN_SHARE); in quick or quiet windows it grows back to all of it. While webhooks keep
 * coming the engine runs one job at a time within its share (lib/engine/worker.ts): on one
 * machine a burst is accepted first and executed right after, and traffic the machine can serve
 * alongside its runs slows them down little.
 */
const WINDOW_MS = 100;
/** Event-loop delay (worst in a window) that counts as making callers wait. */
const LAG_MS = 20;
/** Mean time to store a delivery, over a window, that counts as waiting. */
const SLOW_MS = 10;
/** How long after the last webhook request intake counts as active. */
const ACTIVE_MS = 1000;
const MIN_SHARE = 0.1;
/** Share regained per quick (or quiet) window. */
const RECOVERY = 0.1;

interface State {
  lastRequest: number;
  windowStart: number;
  count: number;
  totalMs: number;
  share: number;
  lag: IntervalHistogram | null;
}

// Shared by the intake and the engine, which Next.js bundles separately.
const holder = globalThis as typeof globalThis & { __switchboardIntakePressure?: State };
const initial = (): State => ({ lastRequest: -Infinity, windowStart: 0, count: 0, totalMs: 0, share: 1, lag: null });
const state = (holder.__switchboardIntakePressure ??= initial());

/** Starts timing one webhook request; call the returned function once it is stored or refused. */
export function intakeStarted(start = performance.now()): (end?: number) => void {
  if (!state.lag) {
    state.lag = monitorEventLoopDelay({ resolution: 10 });
    state.lag.enable();
  }
  state.lastRequest = start;
  let done = false;
  return (end = performance.now()) => {
    if (done) return;
    done = true;
    roll(end);
    state.count++;
    state.totalMs += end - start;
  };
}

/** Whether webhook requests came within the last second. */
export function intakeActive(now = performance.now()): boolean {
  return now - state.lastRequest < ACTIVE_MS;
}

/** The share of the time (MIN_SHARE to 1) the engine may take now. */
export function engineShare(now = performance.now()): number {
  roll(now);
  return state.share;
}

function roll(now: number) {
  const windows = Math.floor((now - state.windowStart) / WINDOW_MS);
  if (windows < 1) return;
  const lagMs = state.lag ? state.lag.max / 1e6 : 0;
  const waiting = state.count > 0 && (lagMs > LAG_MS || state.totalMs / state.count > SLOW_MS);
  // The window that just ended decides; the empty ones after it were quiet.
  state.share = waiting ? Math.max(MIN_SHARE, state.share / 2) : Math.min(1, state.share + RECOVERY * windows);
  state.windowStart = windows > 1 ? now : state.windowStart + WINDOW_MS;
  state.count = 0;
  state.totalMs = 0;
  state.lag?.reset();
}

/** Forgets all measurements (tests). */
export function resetIntakePressure(): void {
  state.lag?.disable();
  Object.assign(state, initial());
}
