import { recordWebhookOutcome } from "./index";

/**
 * Counts webhook calls that failed inside the server (the pipeline in lib/triggers/webhook counts
 * accepted, duplicate and rejected deliveries itself, where it knows which they are).
 */
export function countWebhookFailures<C>(handler: (request: Request, context: C) => Promise<Response>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      recordWebhookOutcome("failed");
      throw error;
    }
  };
}
