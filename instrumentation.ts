/**
 * Runs once when the server starts, before it serves requests: starts Switchboard's runtime
 * (lib/runtime: migrations, webhook intake, the embedded engine unless a real Inngest server is
 * configured, the trigger scheduler, queue consumers, retention), which scripts/serve.mjs stops
 * gracefully on SIGTERM or SIGINT.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startRuntime } = await import("./lib/runtime");
  await startRuntime();
}
