import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DeliveryOutcome } from "@/lib/triggers/webhook/output";

/**
 * Prometheus metrics of this process (GET /api/metrics). Counters and the histogram move where
 * runs, steps and deliveries change (lib/runs/history.ts, the webhook route); gauges are read
 * from the database when scraped (lib/metrics/scrape.ts). Several processes each expose their
 * own counters; Prometheus adds them up.
 */
export interface Metrics {
  registry: Registry;
  runs: Counter<"workflow_id" | "status">;
  stepDuration: Histogram<"node_type" | "outcome">;
  stepAttempts: Counter<"node_type" | "outcome">;
  retries: Counter<"node_type">;
  webhookDeliveries: Counter<"outcome">;
  replays: Counter<"mode">;
  alerts: Counter<"outcome">;
  retentionDeleted: Counter;
}

export type WebhookOutcome = DeliveryOutcome | "failed";

// Next.js bundles route handlers separately; one registry per process, like the database client.
const holder = globalThis as typeof globalThis & { __switchboardMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "switchboard_" });
  const registers = [registry];
  return {
    registry,
    runs: new Counter({
      name: "switchboard_runs_total",
      help: "Runs that reached a status (queued when stored, running when started, then completed, failed or cancelled), by workflow.",
      labelNames: ["workflow_id", "status"],
      registers,
    }),
    stepDuration: new Histogram({
      name: "switchboard_step_duration_seconds",
      help: "Duration of one step attempt, by node type and outcome (completed, failed, retrying).",
      labelNames: ["node_type", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    stepAttempts: new Counter({
      name: "switchboard_step_attempts_total",
      help: "Step attempts that ended, by node type and outcome (completed, failed = no attempt follows, retrying = another attempt follows).",
      labelNames: ["node_type", "outcome"],
      registers,
    }),
    retries: new Counter({
      name: "switchboard_step_retries_total",
      help: "Failed step attempts that are retried, by node type.",
      labelNames: ["node_type"],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: "switchboard_webhook_deliveries_total",
      help: "Calls to workflow webhook URLs, by outcome (accepted = a run was started, rejected = 4xx, failed = 5xx).",
      labelNames: ["outcome"],
      registers,
    }),
    replays: new Counter({
      name: "switchboard_replays_total",
      help: "Runs started again by an operator, by mode (replay from the failed step, rerun).",
      labelNames: ["mode"],
      registers,
    }),
    alerts: new Counter({
      name: "switchboard_alerts_total",
      help: "Failure alerts, by outcome (sent, suppressed by the per-workflow rate limit, failed to deliver).",
      labelNames: ["outcome"],
      registers,
    }),
    retentionDeleted: new Counter({
      name: "switchboard_retention_deleted_runs_total",
      help: "Finished runs deleted by the retention job.",
      registers,
    }),
  };
}

export function metrics(): Metrics {
  holder.__switchboardMetrics ??= create();
  return holder.__switchboardMetrics;
}

/** Counts a call to a webhook URL by what became of it. */
export function recordWebhookOutcome(outcome: WebhookOutcome): void {
  metrics().webhookDeliveries.inc({ outcome });
}

/** Runs `fn` and never lets a metrics problem break the caller. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error("[metrics]", error);
  }
}

/** Registers a gauge whose value is computed when scraped; idempotent per name. */
export function scrapedGauge<L extends string>(name: string, help: string, labelNames: L[], collect: (gauge: Gauge<L>) => Promise<void>): void {
  const { registry } = metrics();
  if (registry.getSingleMetric(name)) return;
  new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      await collect(this);
    },
  });
}

export { Gauge };
