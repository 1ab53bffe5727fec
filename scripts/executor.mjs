// An execution process of `npm start` (forked by lib/runtime/executors.ts with SWITCHBOARD_ROLE=executor):
// the same production build without an HTTP server. Loading it runs instrumentation.ts, whose
// runtime starts only the embedded engine's worker here. It stops gracefully on SIGTERM (sent by
// the server when it stops) or SIGINT, and at once when the server is gone.
import path from "node:path";

process.env.NODE_ENV = "production";

const { default: next } = await import("next");
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname: "127.0.0.1", port: Number(process.env.PORT ?? 3000) });
await app.prepare();

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  // A terminal's Ctrl-C reaches the server and this process both; the server's SIGTERM follows.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      try {
        await globalThis.__switchboardRuntime?.stop();
      } catch (error) {
        console.error("[executor] stopping failed", error);
      }
      await app.close().catch(() => undefined);
      process.exit(0);
    })();
  });
}
// Without the server (killed), this process's database calls cannot be answered: its jobs go to the next start.
process.on("disconnect", () => {
  if (!stopping) process.exit(1);
});
