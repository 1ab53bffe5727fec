import { serve } from "inngest/next";
import { functions, inngest } from "@/inngest";
import { engineMode, localAppOrigin } from "@/lib/engine/mode";

// With the embedded engine, sync requests must be signed and the registered URL is always this
// process's own, whatever Host header a request carries.
const embedded = engineMode() === "embedded" ? { serveOrigin: localAppOrigin(), servePath: "/api/inngest", enableUnauthedSync: false } : {};

export const { GET, POST, PUT } = serve({ client: inngest, functions, ...embedded });
export const dynamic = "force-dynamic";
