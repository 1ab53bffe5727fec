import type { IncomingMessage, ServerResponse } from "node:http";
import { serveWebhookCall } from "@/lib/triggers/webhook/node-intake";

/** Answers the request and returns true, or returns false to leave it to Next.js. */
export type OwnRoutes = (request: IncomingMessage, response: ServerResponse) => boolean;

const holder = globalThis as typeof globalThis & { __switchboardOwnRoutes?: OwnRoutes };

/**
 * Hands scripts/serve.mjs (the server `npm start` runs) the routes it answers before Next.js.
 * Called by instrumentation.ts once the database is migrated; until then everything goes to Next.js.
 */
export function installOwnRoutes() {
  holder.__switchboardOwnRoutes = (request, response) => serveWebhookCall(request, response);
}
