// The production server that `npm start` and the tests run: Next.js behind Node's HTTP server,
// which first offers each request to the routes Switchboard answers itself (webhook intake,
// lib/server/own-routes.ts, installed by instrumentation.ts once the database is ready).
// Usage: node scripts/serve.mjs [--hostname H] [--port P] [--keepAliveTimeout MS]
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { hostname: { type: "string" }, port: { type: "string" }, keepAliveTimeout: { type: "string" } } });
const hostname = values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0";
const port = Number(values.port ?? process.env.PORT ?? 3000);
// As `next start` does: React and Next.js pick their production builds from NODE_ENV when loaded,
// and the embedded engine calls this server back on PORT.
process.env.NODE_ENV = "production";
process.env.PORT = String(port);

// The runtime (lib/runtime/executors.ts) forks execution processes from this script.
globalThis.__switchboardExecutorScript = path.join(import.meta.dirname, "executor.mjs");

const { default: next } = await import("next");
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  if (globalThis.__switchboardOwnRoutes?.(request, response)) return;
  void handle(request, response);
});
if (values.keepAliveTimeout) server.keepAliveTimeout = Number(values.keepAliveTimeout);
server.listen(port, hostname, () => console.log(`Switchboard listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));

// A graceful stop (lib/runtime): webhook calls get 503 + Retry-After, steps in flight get the
// grace period (SWITCHBOARD_SHUTDOWN_GRACE_MS) to finish, the rest are released to the next
// start; only then does the HTTP server close, since steps are requests to it. A second signal
// exits at once.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void (async () => {
      try {
        await globalThis.__switchboardRuntime?.stop();
      } catch (error) {
        console.error("[runtime] stopping failed", error);
      }
      server.close();
      server.closeAllConnections();
      await app.close().catch(() => undefined);
      process.exit(0);
    })();
  });
}
