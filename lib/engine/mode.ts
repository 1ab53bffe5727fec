import type { ClientOptions } from "inngest";
import { embeddedSigningKey } from "./keys";

export type EngineMode = "embedded" | "inngest";

/** The Inngest SDK's own variables; any of them hands execution to a real Inngest server. */
const INNGEST_VARIABLES = ["INNGEST_DEV", "INNGEST_BASE_URL", "INNGEST_API_BASE_URL", "INNGEST_EVENT_API_BASE_URL", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY"];

export function engineMode(env: NodeJS.ProcessEnv = process.env): EngineMode {
  return INNGEST_VARIABLES.some((name) => env[name]) ? "inngest" : "embedded";
}

/**
 * The embedded engine serves the Inngest API inside this process; the SDK reaches it through a
 * fetch that never leaves the process. Only this marker origin is routed there.
 */
export const EMBEDDED_API_ORIGIN = "http://switchboard-engine.internal";
export const EMBEDDED_EVENT_KEY = "embedded";

export function inngestClientOptions(embeddedFetch: typeof fetch): Partial<ClientOptions> {
  if (engineMode() === "inngest") return {};
  return {
    isDev: false,
    signingKey: embeddedSigningKey(),
    eventKey: EMBEDDED_EVENT_KEY,
    baseUrl: EMBEDDED_API_ORIGIN,
    fetch: embeddedFetch,
  };
}

/** Where this process serves HTTP, as seen from itself. */
export function localAppOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return `http://127.0.0.1:${env.PORT || 3000}`;
}
