import { describe, expect, it } from "vitest";
import { filtersFromParams, filtersToParams } from "@/components/runs/run-filters-state";
import { attemptSpan, runTimeline, timelineTicks } from "@/components/runs/step-timing";
import type { RunDetail } from "@/lib/client/types";
import { newId } from "@/lib/ids";
import { timeBoundId } from "@/lib/runs/queries";
import { planReplay } from "@/lib/runs/replay-plan";
import { SqlQuery } from "@/lib/runs/sql";
import { percentile } from "@/lib/runs/durations";
import { forView, parseValuePath } from "@/lib/runs/values";
import type { WorkflowDocument } from "@/lib/document/schema";

function doc(nodes: string[], edges: string[]): WorkflowDocument {
  return {
    version: 1,
    name: "t",
    nodes: nodes.map((id, i) => ({ id, type: i === 0 ? "trigger.manual" : "transform.map", position: { x: 0, y: 0 }, config: {} })),
    edges: edges.map((spec, i) => {
      const [source, target] = spec.split("->");
      return { id: `e${i}`, source, target };
    }),
  };
}

const steps = (entries: Record<string, string>) => Object.entries(entries).map(([nodeId, status]) => ({ nodeId, status }));

describe("planReplay", () => {
  it("reuses the completed steps before the failed one and runs it and everything after", () => {
    const plan = planReplay(doc(["start", "a", "b", "c"], ["start->a", "a->b", "b->c"]), steps({ start: "completed", a: "completed", b: "failed" }), "b");
    expect(plan).toEqual({ fromNode: "b", reuse: ["start", "a"], rerun: ["b", "c"] });
  });

  it("keeps a parallel branch that completed, but not steps downstream of the failure", () => {
    // start → a → join, start → b (failed) → join
    const plan = planReplay(
      doc(["start", "a", "b", "join", "after_a"], ["start->a", "start->b", "a->join", "b->join", "a->after_a"]),
      steps({ start: "completed", a: "completed", after_a: "completed", b: "failed" }),
      "b",
    );
    expect(plan.reuse).toEqual(["start", "a", "after_a"]);
    expect(plan.rerun).toEqual(["b", "join"]);
  });

  it("reruns steps a `continue` error swallowed, and skipped steps are not reused", () => {
    const plan = planReplay(doc(["start", "a", "b", "c"], ["start->a", "a->b", "a->c"]), steps({ start: "completed", a: "failed", b: "completed", c: "skipped" }), null);
    expect(plan).toEqual({ fromNode: "a", reuse: ["start"], rerun: ["a", "b", "c"] });
  });

  it("replays a cancelled run from the step that was still sleeping", () => {
    const plan = planReplay(doc(["start", "nap", "after"], ["start->nap", "nap->after"]), steps({ start: "completed", nap: "cancelled" }), null);
    expect(plan).toEqual({ fromNode: "nap", reuse: ["start"], rerun: ["nap", "after"] });
  });

  it("ignores a failed node id the document does not have", () => {
    const plan = planReplay(doc(["start", "a"], ["start->a"]), steps({ start: "completed", a: "completed" }), "gone");
    expect(plan).toEqual({ fromNode: null, reuse: ["start", "a"], rerun: [] });
  });
});

describe("large values", () => {
  it("passes small values through and cuts large ones to a preview with a download", () => {
    expect(forView({ a: 1 }, "/x")).toEqual({ a: 1 });
    expect(forView(null, "/x")).toBeNull();
    const big = { rows: Array.from({ length: 5000 }, (_, i) => ({ i, text: "x".repeat(20) })), note: "y".repeat(5000) };
    const view = forView(big, "/api/runs/r/value?path=output") as { $truncated: true; bytes: number; download: string; preview: { rows: unknown[]; note: string } };
    expect(view.$truncated).toBe(true);
    expect(view.bytes).toBe(Buffer.byteLength(JSON.stringify(big)));
    expect(view.download).toBe("/api/runs/r/value?path=output");
    expect(view.preview.rows).toHaveLength(51);
    expect(view.preview.rows[50]).toBe("… 4950 more items");
    expect(view.preview.note).toMatch(/^y{2000}… \(3000 more characters\)$/);
    expect(JSON.stringify(view).length).toBeLessThan(64 * 1024);
  });

  it("reads value paths and refuses others", () => {
    expect(parseValuePath("trigger")).toEqual({ scope: "run", field: "trigger" });
    expect(parseValuePath("steps.call_crm.output")).toEqual({ scope: "step", nodeId: "call_crm", field: "output" });
    expect(parseValuePath("steps.call.config")).toBeNull();
    expect(parseValuePath("steps.../x.input")).toBeNull();
  });
});

describe("runs list", () => {
  it("turns a time into the smallest run id created at that time", () => {
    const before = timeBoundId(new Date(Date.now() - 1000));
    const id = newId("run");
    const after = timeBoundId(new Date(Date.now() + 1000));
    expect(before < id && id < after).toBe(true);
    expect(timeBoundId(new Date(0))).toBe("run_0000000000");
  });

  it("keeps filters in the URL and ignores values it does not know", () => {
    const filters = { status: "failed" as const, workflowId: "wf_1", triggerKind: "webhook", range: "24h" as const, q: "A-1001" };
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersFromParams(new URLSearchParams("status=exploded&triggerKind=fax&range=2y&q=%20"))).toEqual({ status: undefined, workflowId: undefined, triggerKind: undefined, range: undefined, q: undefined });
  });

  it("escapes LIKE wildcards in the payload search and binds it", () => {
    const sqlite = new SqlQuery("sqlite");
    expect(sqlite.contains(`"trigger"`, "100%_a\\b")).toBe(`"trigger" LIKE ? ESCAPE '\\'`);
    expect(sqlite.params).toEqual(["%100\\%\\_a\\\\b%"]);
    const postgres = new SqlQuery("postgresql");
    postgres.param("first");
    expect(postgres.contains(`("trigger"::text)`, "A-1")).toBe(`("trigger"::text) ILIKE $2 ESCAPE '\\'`);
  });
});

describe("dashboard percentiles", () => {
  it("takes the nearest rank from a histogram of durations", () => {
    // 100 runs: 90 at 100 ms, 9 at 2 s, 1 at 30 s.
    const histogram: [number, number][] = [
      [2000, 9],
      [100, 90],
      [30000, 1],
    ];
    expect(percentile(histogram, 0.5)).toBe(100);
    expect(percentile(histogram, 0.9)).toBe(100);
    expect(percentile(histogram, 0.95)).toBe(2000);
    expect(percentile(histogram, 1)).toBe(30000);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe("step timeline", () => {
  it("draws each attempt on the run's time span", () => {
    const base = Date.parse("2026-01-01T00:00:00.000Z");
    const at = (ms: number) => new Date(base + ms).toISOString();
    const run = {
      createdAt: at(0),
      startedAt: at(0),
      endedAt: at(1000),
      steps: [{ startedAt: at(0), endedAt: at(1000), timeline: [{ kind: "attempt", attempt: 1, status: "failed", startedAt: at(0), endedAt: at(100), error: null }, { kind: "attempt", attempt: 2, status: "completed", startedAt: at(600), endedAt: at(1000), error: null }] }],
    } as unknown as RunDetail;
    const timeline = runTimeline(run, base + 5000);
    expect(timeline).toEqual({ start: base, end: base + 1000 });
    const [first, second] = run.steps[0].timeline;
    expect(attemptSpan(first, timeline, base + 5000)).toEqual({ left: 0, width: 10 });
    expect(attemptSpan(second, timeline, base + 5000)).toEqual({ left: 60, width: 40 });
    expect(timelineTicks(timeline)).toEqual([
      { at: 0, offsetMs: 0 },
      { at: 50, offsetMs: 500 },
      { at: 100, offsetMs: 1000 },
    ]);
  });
});
