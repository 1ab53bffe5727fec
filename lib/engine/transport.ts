import { checkpointRunId, handleCheckpoint, handleEngineApi } from "./api";
import { EMBEDDED_API_ORIGIN } from "./mode";

/**
 * The fetch the Inngest client uses in embedded mode: calls to the engine's marker origin are
 * answered in-process (no socket, no port to guess); everything else is a normal fetch.
 */
export const embeddedFetch: typeof fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith(EMBEDDED_API_ORIGIN)) return fetch(input, init);
  const checkpoint = init?.method === "POST" && typeof init.body === "string" ? checkpointRunId(url.slice(EMBEDDED_API_ORIGIN.length)) : null;
  if (checkpoint) return handleCheckpoint(checkpoint, new Headers(init!.headers).get("authorization"), init!.body as string);
  return handleEngineApi(new Request(input, init));
};
