import { describe, expect, it } from "vitest";
import { lockedForSeconds, MAX_FAILURES, recordSignInFailure, recordSignInSuccess } from "@/lib/auth/sign-in-lockout";

describe("per-account sign-in lockout", () => {
  const t0 = Date.parse("2026-11-21T10:00:00Z");

  it("locks an account after repeated failures within the window, whatever the case of the address", () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) recordSignInFailure("Lock@Example.com", t0 + i);
    expect(lockedForSeconds("lock@example.com", t0 + 10)).toBe(0);
    recordSignInFailure("lock@example.com", t0 + 10);
    expect(lockedForSeconds("LOCK@example.com", t0 + 10)).toBe(15 * 60);
    expect(lockedForSeconds("lock@example.com", t0 + 10 + 15 * 60_000)).toBe(0);
  });

  it("forgets failures older than the window and after a successful sign-in", () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) recordSignInFailure("slow@example.com", t0 + i * 5 * 60_000);
    recordSignInFailure("slow@example.com", t0 + 30 * 60_000);
    expect(lockedForSeconds("slow@example.com", t0 + 30 * 60_000)).toBe(0);
    for (let i = 0; i < MAX_FAILURES - 1; i++) recordSignInFailure("ok@example.com", t0);
    recordSignInSuccess("ok@example.com");
    recordSignInFailure("ok@example.com", t0);
    expect(lockedForSeconds("ok@example.com", t0)).toBe(0);
  });
});
