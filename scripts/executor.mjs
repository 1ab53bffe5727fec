// An execution process of `npm start` (forked by lib/runtime/executors.ts with SWITCHBOARD_ROLE=executor):
// the same production build without an HTTP server. Loading it runs instrumentation.ts, whose
// runtime starts only the embedded engine's worker here. It stops gracefully on SIGTERM (sent by
// the server when it stops) or SIGINT, and at once when the server is gone.
import path from "node:path";

process.env.NODE_ENV = "production";

const { default: next } = await import("next");
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname: "127.0.0.1", port: Number(process.env.PORT ?? 3000) });

// Signals are taken from the start: a server that stops while this process is still loading
// (seconds, on a busy machine) releases its steps at the end of its grace period, and a worker
// started after that would take them and run them again. Asked to stop before the runtime starts,
// it starts no worker (lib/runtime/execution-process.ts).
let prepared;
let stopping = null;
const stop = () =>
  (stopping ??= (async () => {
    globalThis.__switchboardStopRequested = true;
    try {
      await prepared;
      await globalThis.__switchboardRuntime?.stop();
    } catch (error) {
      console.error("[executor] stopping failed", error);
    }
    await app.close().catch(() => undefined);
    process.exit(0);
  })());
// A terminal's Ctrl-C reaches the server and this process both; the server's SIGTERM follows.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stop());
// Without the server (killed), this process's steps cannot be answered for: its jobs go to the next start.
process.on("disconnect", () => {
  if (!stopping) process.exit(1);
});

prepared = app.prepare();
await prepared;
