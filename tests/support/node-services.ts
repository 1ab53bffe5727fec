import type { TransformServices } from "@/lib/nodes/transform-contract";
import type { NodeServices } from "@/lib/nodes/types";

/**
 * Node services for unit tests of execute functions: every capability fails with a clear message
 * unless the test provides it.
 */
export function unavailableServices(overrides: Partial<NodeServices> = {}): NodeServices {
  const missing = (what: string) => () => Promise.reject(new Error(`${what} is not available in this test`));
  return {
    fetch: missing("the network"),
    runSql: missing("databases"),
    connectionSettings: missing("connections"),
    sendEmail: missing("e-mail"),
    publishMessage: missing("queues"),
    store: { get: missing("the store"), set: missing("the store"), increment: missing("the store"), delete: missing("the store") },
    startWorkflowRun: missing("starting workflows"),
    get transforms(): TransformServices {
      throw new Error("transform libraries are not available in this test");
    },
    publishEvent: missing("events"),
    respondToWebhook: missing("webhooks"),
    importedOperation: missing("imported APIs"),
    ...overrides,
  };
}
