import type { RunDetail, StepAttempt, StepDetail } from "@/lib/client/types";

/** Steps in the order they ran; steps that never started (skipped) go last, in the API's order. */
export function orderSteps(steps: StepDetail[]): StepDetail[] {
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => startOf(a.step) - startOf(b.step) || a.index - b.index)
    .map(({ step }) => step);
}

function startOf(step: StepDetail): number {
  return step.startedAt ? Date.parse(step.startedAt) : Infinity;
}

export interface RunTimeline {
  start: number;
  end: number;
}

/** The span every step bar is drawn against: from the run's start to its end (or now, while it runs). */
export function runTimeline(run: RunDetail, now: number): RunTimeline {
  const entries = run.steps.flatMap((s) => s.timeline ?? []);
  const starts = [...run.steps.flatMap((s) => (s.startedAt ? [Date.parse(s.startedAt)] : [])), ...entries.map((e) => Date.parse(e.startedAt))];
  const ends = [...run.steps.flatMap((s) => (s.endedAt ? [Date.parse(s.endedAt)] : [])), ...entries.flatMap((e) => (e.endedAt ? [Date.parse(e.endedAt)] : []))];
  const start = Math.min(Date.parse(run.startedAt ?? run.createdAt), ...starts);
  const end = Math.max(run.endedAt ? Date.parse(run.endedAt) : now, ...ends);
  return { start, end: Math.max(end, start + 1) };
}

/** One attempt's bar; an attempt still open ends now (or where the run ended). */
export function attemptSpan(entry: StepAttempt, timeline: RunTimeline, now: number): { left: number; width: number } {
  return span(Date.parse(entry.startedAt), entry.endedAt ? Date.parse(entry.endedAt) : Math.min(now, timeline.end), timeline);
}

function span(start: number, end: number, timeline: RunTimeline) {
  const total = timeline.end - timeline.start;
  return { left: ((start - timeline.start) / total) * 100, width: (Math.max(0, end - start) / total) * 100 };
}

export function stepDurationMs(step: StepDetail): number | null {
  return step.startedAt && step.endedAt ? Date.parse(step.endedAt) - Date.parse(step.startedAt) : null;
}

export function attemptLabel(entry: StepAttempt): string {
  switch (entry.kind) {
    case "sleep":
      return "Sleep";
    case "wait":
      return "Wait for event";
    case "reused":
      return "Reused result";
    case "pinned":
      return "Pinned data";
    default:
      return `Attempt ${entry.attempt}`;
  }
}

/** Ticks for the timeline's axis: start, middle and end, as offsets from the run's start. */
export function timelineTicks(timeline: RunTimeline): { at: number; offsetMs: number }[] {
  const total = timeline.end - timeline.start;
  return [0, 0.5, 1].map((fraction) => ({ at: fraction * 100, offsetMs: Math.round(total * fraction) }));
}
