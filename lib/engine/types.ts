/** The parts of the Inngest SDK's registration payload the embedded engine uses. */
export interface FunctionConfig {
  id: string;
  name?: string;
  triggers: ({ event: string; expression?: string } | { cron: string })[];
  steps: Record<string, { id: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }>;
  cancel?: { event: string; if?: string; timeout?: string }[];
}

export interface RegisterRequest {
  url: string;
  appName: string;
  functions: FunctionConfig[];
}

/** An event as sent to /e/<key> and as passed to functions. */
export interface InngestEvent {
  id?: string;
  name: string;
  data?: Record<string, unknown>;
  user?: Record<string, unknown>;
  ts?: number;
}

/** An operation in a 206 response or a checkpoint (see the SDK's StepOpCode). */
export interface OutgoingOp {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown>;
}

/** A memoized step as the SDK expects it in the request body's `steps`. */
export type StepState = { data: unknown } | { error: unknown };

/** Default Inngest retries when a function config names none: 3 retries, 4 attempts. */
export const DEFAULT_RETRIES = 3;

export function maxAttemptsOf(config: FunctionConfig): number {
  return (config.steps.step?.retries?.attempts ?? DEFAULT_RETRIES) + 1;
}
