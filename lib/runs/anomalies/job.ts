import { evaluateAnomalies } from "./evaluate";

const DEFAULT_INTERVAL_MS = 5 * 60_000;

const state = globalThis as typeof globalThis & { __switchboardAnomalyTimer?: NodeJS.Timeout };

/**
 * Starts the anomaly check in this process: every 5 minutes (SWITCHBOARD_ANOMALY_INTERVAL_MS to
 * change; 0 turns it off) it evaluates the last complete hour. Repeats within the hour find their
 * findings already recorded, so each is alerted once; checking every few minutes only makes the
 * alert arrive soon after the hour ends.
 */
export function startAnomalyJob(): void {
  if (state.__switchboardAnomalyTimer) return;
  const interval = process.env.SWITCHBOARD_ANOMALY_INTERVAL_MS === undefined ? DEFAULT_INTERVAL_MS : Number(process.env.SWITCHBOARD_ANOMALY_INTERVAL_MS);
  if (!Number.isFinite(interval) || interval <= 0) return;
  const schedule = (delay: number) => {
    state.__switchboardAnomalyTimer = setTimeout(() => void pass(), delay);
    state.__switchboardAnomalyTimer.unref();
  };
  const pass = async () => {
    try {
      const found = await evaluateAnomalies();
      for (const anomaly of found) console.log(`[anomalies] ${anomaly.workflowName} (${anomaly.workflowId}): ${anomaly.kind}: ${anomaly.summary}`);
    } catch (error) {
      console.error("[anomalies] check failed", error);
    }
    if (state.__switchboardAnomalyTimer) schedule(interval);
  };
  schedule(Math.min(90_000, interval));
}

export function stopAnomalyJob(): void {
  clearTimeout(state.__switchboardAnomalyTimer);
  state.__switchboardAnomalyTimer = undefined;
}
