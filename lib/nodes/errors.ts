/**
 * An error a node reports about its work. `retriable: false` marks failures that cannot succeed
 * on another attempt (a 400 from the target, a bad config); the engine then fails the step at once.
 */
export class NodeError extends Error {
  readonly retriable: boolean;
  /** A wait the target asked for (e.g. an HTTP Retry-After), honoured before the next attempt. */
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: { retriable?: boolean; retryAfterMs?: number; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "NodeError";
    this.retriable = options.retriable ?? true;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}
