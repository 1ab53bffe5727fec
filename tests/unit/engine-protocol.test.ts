import { describe, expect, it } from "vitest";
import { cancelRowsFor } from "@/lib/engine/cancellation";
import { checkCondition, evaluateCondition } from "@/lib/engine/condition";
import { unsupportedFunctionOptions } from "@/lib/engine/function-options";
import type { FunctionConfig } from "@/lib/engine/types";
import { waitForEventFlow } from "@/lib/nodes/flow-wait-for-event";

const base: FunctionConfig = { id: "app-fn", triggers: [{ event: "x" }], steps: { step: { id: "step", runtime: { type: "http", url: "http://127.0.0.1/api/inngest" } } } };

describe("function options the embedded engine does not implement", () => {
  it("names each one a synced function sets, and passes those it implements", () => {
    const throttled = { ...base, id: "throttled", throttle: { limit: 1, period: "1m" }, debounce: { period: "5s" } } as FunctionConfig;
    const batched = { ...base, id: "batched", batchEvents: { maxSize: 10, timeout: "5s" }, idempotency: "event.data.id", timeouts: { finish: "1h" } } as FunctionConfig;
    const plain = { ...base, cancel: [{ event: "stop", if: "event.data.id == async.data.id" }] };
    expect(unsupportedFunctionOptions([throttled, batched, plain])).toEqual(["throttled: throttle", "throttled: debounce", "batched: batchEvents", "batched: timeouts", "batched: idempotency"]);
    expect(unsupportedFunctionOptions([plain])).toEqual([]);
  });
});

describe("wait-for-event conditions", () => {
  it("refuses a condition it cannot read when the wait starts, naming the problem", () => {
    expect(() => checkCondition('async.data.order == {"id": 1}')).toThrow(/Unexpected "\{"/);
    expect(() => checkCondition("async.data.id == ")).toThrow(/Unexpected end of condition/);
    expect(() => checkCondition('async.data.id == "open')).toThrow(/Unterminated string/);
    expect(() => checkCondition('async.data.id == "o-1" && event.data.ok')).not.toThrow();
  });

  it("reads JSON string escapes as JSON.stringify writes them", () => {
    const value = 'line one\nsaid "hi" \\ café';
    const condition = `async.data.note == ${JSON.stringify(value)}`;
    expect(evaluateCondition(condition, { async: { data: { note: value } } })).toBe(true);
    expect(evaluateCondition(condition, { async: { data: { note: "line one" } } })).toBe(false);
    expect(evaluateCondition('async.data.s == "\\u00e9"', { async: { data: { s: "é" } } })).toBe(true);
  });

  it("the wait node matches on scalars only, so both engines compare the same way", () => {
    const node = waitForEventFlow;
    if (node.kind !== "wait") throw new Error("flow.wait-for-event is a wait node");
    const waitFor = (config: Record<string, unknown>) => node.waitFor(config as Parameters<typeof node.waitFor>[0]);
    const config = { event: "order.paid", matchField: "data.order", timeout: "1h" };
    expect(() => waitFor({ ...config, matchValue: { id: 1 } })).toThrow("Match value must be text, a number, true/false or empty, not an object");
    expect(() => waitFor({ ...config, matchValue: [1] })).toThrow("not a list");
    expect(waitFor({ ...config, matchValue: "o-1" }).if).toBe('async.data.order == "o-1"');
  });
});

describe("cancelOn entries stored with each run", () => {
  const fn = {
    id: "run-workflow",
    config: { ...base, cancel: [{ event: "run.cancelled", if: "event.data.runId == async.data.runId", timeout: "1h" }, { event: "all.stop", if: "event.data.n != async.data.n" }] },
  };
  const startedAt = new Date("2030-01-01T00:00:00.000Z");

  it("keeps the run's side of a match as an index key, and the timeout as an expiry from the run's start", () => {
    const [byMatch, byCondition] = cancelRowsFor(fn, "erun_1", { name: "run.requested", data: { runId: "run_7", n: 1 } }, startedAt);
    expect(byMatch).toEqual({ runId: "erun_1", position: 0, functionId: "run-workflow", eventName: "run.cancelled", matchKey: '"run_7"', expiresAt: new Date("2030-01-01T01:00:00.000Z") });
    expect(byCondition).toMatchObject({ position: 1, eventName: "all.stop", matchKey: null, expiresAt: null });
  });
});
