import { describe, expect, it } from "vitest";
import { NODE_HEIGHT, NODE_WIDTH, placeNode } from "@/lib/editor/placement";
import { describeRetry, effectiveRetry } from "@/lib/editor/retry";
import { initialPayloadText, testRunPayload } from "@/lib/editor/run-payload";
import { compactNodeSettings, compactWorkflowSettings, millisecondsText, parseMilliseconds, withSetting, type NodeSettings } from "@/lib/editor/settings";
import { upstreamNodeIds } from "@/lib/editor/upstream";

describe("upstreamNodeIds", () => {
  it("lists ancestors nearest first, once each", () => {
    const edges = [
      { source: "t", target: "a" },
      { source: "t", target: "b" },
      { source: "a", target: "c" },
      { source: "b", target: "c" },
      { source: "c", target: "d" },
    ];
    expect(upstreamNodeIds("d", edges)).toEqual(["c", "a", "b", "t"]);
    expect(upstreamNodeIds("t", edges)).toEqual([]);
  });
});

describe("describeRetry", () => {
  it("describes the default policy", () => {
    expect(effectiveRetry(undefined)).toEqual({ maxAttempts: 3, backoff: "exponential", initialDelayMs: 1000, maxDelayMs: 3_600_000, jitter: false });
    expect(describeRetry(undefined)).toBe(
      "If this step fails, it is retried up to 2 more times, waiting 1s, then 2s. Errors a retry cannot fix (such as a 400 answer) are not retried.",
    );
  });

  it("describes fixed, single-attempt and long policies", () => {
    expect(describeRetry({ maxAttempts: 4, backoff: "fixed", initialDelayMs: 5000 })).toMatch(/up to 3 more times, waiting 5s before each retry/);
    expect(describeRetry({ maxAttempts: 1 })).toBe("If this step fails, it is not retried.");
    expect(describeRetry({ maxAttempts: 10 })).toMatch(/waiting 1s, 2s, 4s, 8s, … \(doubling each time\)\./);
  });

  it("accounts for the longest delay and jitter", () => {
    expect(describeRetry({ maxAttempts: 4, initialDelayMs: 1000, maxDelayMs: 3000 })).toMatch(/waiting 1s, 2s, then 3s\./);
    expect(describeRetry({ maxAttempts: 20, initialDelayMs: 60_000, maxDelayMs: 600_000 })).toMatch(/waiting 1m, 2m, 4m, 8m, … \(doubling each time, at most 10m\)\./);
    expect(describeRetry({ backoff: "fixed", initialDelayMs: 5000, maxDelayMs: 2000 })).toMatch(/waiting 2s before each retry/);
    expect(describeRetry({ jitter: true })).toMatch(/waiting 1s, then 2s\. Each wait is shortened at random by up to half/);
    expect(describeRetry({ jitter: true, initialDelayMs: 0 })).not.toMatch(/shortened/);
  });

  it("says nothing about an invalid policy", () => {
    expect(describeRetry({ maxAttempts: 50 })).toBeNull();
  });
});

describe("placeNode", () => {
  it("centres the node on the point, on the grid", () => {
    expect(placeNode({ x: 440, y: 300 }, [])).toEqual({ x: 440 - NODE_WIDTH / 2, y: 272 });
    expect(placeNode({ x: 440, y: NODE_HEIGHT / 2 }, []).y).toBe(0);
  });

  it("nudges a node off one already there", () => {
    const first = placeNode({ x: 400, y: 300 }, []);
    const second = placeNode({ x: 400, y: 300 }, [{ position: first }]);
    expect(second).toEqual({ x: first.x + 32, y: first.y + 32 });
  });
});

describe("run payloads", () => {
  it("prefills the manual trigger's sample payload", () => {
    expect(initialPayloadText("trigger.manual", { samplePayload: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(initialPayloadText("trigger.manual", {})).toBe("{}");
    expect(initialPayloadText("trigger.webhook", {})).toBe("{}");
  });

  it("wraps a webhook test payload like a request", () => {
    expect(testRunPayload("trigger.manual", { a: 1 })).toEqual({ a: 1 });
    expect(testRunPayload("trigger.webhook", { a: 1 })).toEqual({ method: "POST", headers: { "content-type": "application/json" }, query: {}, body: { a: 1 } });
  });
});

describe("settings", () => {
  it("changes one setting and keeps the others", () => {
    const settings: NodeSettings = { retry: { maxAttempts: 5 }, onError: "continue" };
    expect(withSetting(settings, "timeoutMs", 2000)).toEqual({ retry: { maxAttempts: 5 }, onError: "continue", timeoutMs: 2000 });
    expect(withSetting(settings, "retry", undefined)).toEqual({ onError: "continue" });
    expect(withSetting<NodeSettings, "onError">(undefined, "onError", "branch")).toEqual({ onError: "branch" });
    expect(settings).toEqual({ retry: { maxAttempts: 5 }, onError: "continue" });
  });

  it("saves node settings without empty parts", () => {
    expect(compactNodeSettings({ retry: {}, timeoutMs: undefined })).toBeUndefined();
    expect(compactNodeSettings({ retry: { maxAttempts: undefined, jitter: true }, onError: "branch" })).toEqual({ retry: { jitter: true }, onError: "branch" });
    expect(compactNodeSettings(undefined)).toBeUndefined();
  });

  it("saves workflow settings without unset keys", () => {
    expect(compactWorkflowSettings({ concurrency: undefined, failureWorkflowId: undefined })).toBeUndefined();
    expect(compactWorkflowSettings({ concurrency: 2, timeoutMs: undefined })).toEqual({ concurrency: 2 });
  });

  it("reads milliseconds as a number of ms or a duration, and writes them back exactly", () => {
    expect(parseMilliseconds("1500")).toBe(1500);
    expect(parseMilliseconds(" 2m 30s ")).toBe(150_000);
    expect(parseMilliseconds("soon")).toBeNull();
    expect(millisecondsText(300_000)).toBe("5m");
    expect(millisecondsText(1500)).toBe("1.5s");
    expect(millisecondsText(90_061_000)).toBe("90061000ms");
  });
});
