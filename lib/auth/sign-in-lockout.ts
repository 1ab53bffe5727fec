/**
 * Per-account brute-force protection, beside better-auth's per-address rate limit: after
 * MAX_FAILURES failed sign-ins for one e-mail within WINDOW_MS, that account's sign-ins are refused
 * for LOCK_MS, from every address (an attacker rotating addresses still gets nowhere). A successful
 * sign-in clears the count. Kept in memory: the embedded engine is single-node by design, and on
 * several processes each one still enforces its own limit.
 */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

interface AccountFailures {
  failures: number[];
  lockedUntil: number;
}

const holder = globalThis as typeof globalThis & { __switchboardSignInFailures?: Map<string, AccountFailures> };
const accounts = (holder.__switchboardSignInFailures ??= new Map<string, AccountFailures>());

const keyOf = (email: string) => email.trim().toLowerCase();

/** Seconds until the account may try again, or 0 when it is not locked. */
export function lockedForSeconds(email: string, now = Date.now()): number {
  const entry = accounts.get(keyOf(email));
  return entry && entry.lockedUntil > now ? Math.ceil((entry.lockedUntil - now) / 1000) : 0;
}

export function recordSignInFailure(email: string, now = Date.now()): void {
  const key = keyOf(email);
  const entry = accounts.get(key) ?? { failures: [], lockedUntil: 0 };
  entry.failures = [...entry.failures.filter((at) => at > now - WINDOW_MS), now];
  if (entry.failures.length >= MAX_FAILURES) {
    entry.lockedUntil = now + LOCK_MS;
    entry.failures = [];
  }
  accounts.set(key, entry);
}

export function recordSignInSuccess(email: string): void {
  accounts.delete(keyOf(email));
}
