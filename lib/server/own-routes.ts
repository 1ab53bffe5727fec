import type { IncomingMessage, ServerResponse } from "node:http";
import { isWebhookCall, serveWebhookCall } from "@/lib/triggers/webhook/node-intake";

/** Answers the request and returns true, or returns false to leave it to Next.js. */
export type OwnRoutes = (request: IncomingMessage, response: ServerResponse) => boolean;

const holder = globalThis as typeof globalThis & { __switchboardOwnRoutes?: OwnRoutes };

/**
 * Hands scripts/serve.mjs (the server `npm start` runs) the routes it answers before Next.js.
 * Called by the runtime (lib/runtime) once the database is migrated; until then everything goes
 * to Next.js. While the runtime drains, webhook calls are answered 503 with Retry-After: the
 * sender keeps the delivery and tries again, reaching the next process.
 */
export function installOwnRoutes(draining: () => boolean, retryAfterSeconds: number) {
  holder.__switchboardOwnRoutes = (request, response) => {
    if (draining() && isWebhookCall(request)) {
      response.writeHead(503, { "content-type": "application/json", "retry-after": String(retryAfterSeconds), connection: "close" });
      response.end(JSON.stringify({ error: "The server is restarting; try again shortly" }));
      return true;
    }
    return serveWebhookCall(request, response);
  };
}
