import { serve } from "inngest/next";
import { engineMode, localAppOrigin } from "@/lib/engine/mode";
import { functions, inngest } from "./index";

// With the embedded engine, sync requests must be signed and the registered URL is always this
// process's own, whatever Host header a request carries.
const embedded = engineMode() === "embedded" ? { serveOrigin: localAppOrigin(), servePath: "/api/inngest", enableUnauthedSync: false } : {};

/**
 * The Inngest SDK's serve handler for this app's functions: exported as the /api/inngest route
 * (app/api/inngest/route.ts), and called in-process by the embedded engine with the same signed
 * request it would send over HTTP (lib/engine/executor.ts).
 */
export const inngestHandler = serve({ client: inngest, functions, ...embedded });
