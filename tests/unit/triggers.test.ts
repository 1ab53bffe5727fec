import { describe, expect, it } from "vitest";
import { scheduleConfigSchema } from "@/lib/nodes/trigger-schedule";
import { eventPatternMatches } from "@/lib/triggers/event-pattern";
import { cronError, nextFireAfter, nextFireTimes, previousFireAtOrBefore } from "@/lib/triggers/schedule-times";
import { compareCursor, newItems } from "@/lib/triggers/scheduler/polls";

describe("schedule times", () => {
  it("cron in a time zone", () => {
    const spec = { mode: "cron" as const, cron: "0 9 * * *", timezone: "Europe/Berlin" };
    const [first, second] = nextFireTimes(spec, 2, new Date("2026-01-10T12:00:00Z"));
    expect(first.toISOString()).toBe("2026-01-11T08:00:00.000Z");
    expect(second.toISOString()).toBe("2026-01-12T08:00:00.000Z");
    expect(nextFireAfter(spec, new Date("2026-07-10T12:00:00Z"))!.toISOString()).toBe("2026-07-11T07:00:00.000Z");
  });

  it("second-level cron, strictly after", () => {
    const spec = { mode: "cron" as const, cron: "* * * * * *", timezone: "UTC" };
    expect(nextFireAfter(spec, new Date("2026-01-01T00:00:00.000Z"))!.toISOString()).toBe("2026-01-01T00:00:01.000Z");
    expect(nextFireAfter(spec, new Date("2026-01-01T00:00:00.500Z"))!.toISOString()).toBe("2026-01-01T00:00:01.000Z");
  });

  it("intervals are aligned to the epoch", () => {
    const spec = { mode: "interval" as const, interval: "15m" };
    expect(nextFireAfter(spec, new Date("2026-01-01T10:07:00Z"))!.toISOString()).toBe("2026-01-01T10:15:00.000Z");
    expect(previousFireAtOrBefore(spec, new Date("2026-01-01T10:07:00Z"), new Date(0))!.toISOString()).toBe("2026-01-01T10:00:00.000Z");
  });

  it("latest missed fire time", () => {
    const spec = { mode: "cron" as const, cron: "0 * * * *", timezone: "UTC" };
    const at = new Date("2026-01-01T10:30:00Z");
    expect(previousFireAtOrBefore(spec, at, new Date("2026-01-01T08:00:00Z"))!.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(previousFireAtOrBefore(spec, at, new Date("2026-01-01T10:00:00Z"))).toBeNull();
  });

  it("rejects invalid expressions and zones", () => {
    expect(cronError("61 * * * *")).toMatch(/minute/);
    expect(cronError("* *")).toMatch(/5 fields/);
    expect(cronError("0 0 31 2 *")).toMatch(/never/);
    expect(cronError("*/5 * * * *")).toBeNull();
    expect(scheduleConfigSchema.safeParse({ mode: "cron", cron: "0 9 * * *", timezone: "Mars/Base" }).success).toBe(false);
    expect(scheduleConfigSchema.safeParse({ mode: "interval", interval: "500ms" }).success).toBe(false);
    expect(scheduleConfigSchema.safeParse({ mode: "interval", interval: "5m" }).success).toBe(true);
  });
});

describe("event patterns", () => {
  it("* matches any run of characters", () => {
    expect(eventPatternMatches("order.*", "order.paid")).toBe(true);
    expect(eventPatternMatches("order.*", "order.item.added")).toBe(true);
    expect(eventPatternMatches("order.*", "orders.paid")).toBe(false);
    expect(eventPatternMatches("order.paid", "order.paid")).toBe(true);
    expect(eventPatternMatches("order.paid", "order.paidx")).toBe(false);
    expect(eventPatternMatches("*.paid", "invoice.paid")).toBe(true);
  });
});

describe("poll dedup", () => {
  const byId = { dedupBy: "id" as const, idField: "id", cursorField: undefined };
  it("by id: only unseen items; remembers the current ones", () => {
    const first = newItems(byId, [{ id: 1 }, { id: 2 }], { seenIds: [], cursor: null });
    expect(first.fresh).toHaveLength(2);
    const second = newItems(byId, [{ id: 2 }, { id: 3 }, { id: 3 }], { seenIds: first.seenIds, cursor: null });
    expect(second.fresh).toEqual([{ id: 3 }]);
    expect(second.seenIds).toEqual(["2", "3", "1"]);
  });

  it("by cursor: greater than the greatest seen", () => {
    const config = { dedupBy: "cursor" as const, idField: "id", cursorField: "updatedAt" };
    const items = [{ updatedAt: "2026-01-01T10:00:00Z" }, { updatedAt: "2026-01-01T11:00:00Z" }];
    const first = newItems(config, items, { seenIds: null, cursor: null });
    expect(first.cursor).toBe("2026-01-01T11:00:00Z");
    const second = newItems(config, [...items, { updatedAt: "2026-01-01T12:00:00Z" }], { seenIds: null, cursor: first.cursor! });
    expect(second.fresh).toEqual([{ updatedAt: "2026-01-01T12:00:00Z" }]);
    expect(compareCursor("9", "10")).toBeLessThan(0);
  });
});
