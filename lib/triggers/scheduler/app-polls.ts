import type { PolledTriggerConfig } from "@/lib/connectors";
import { callConnector, connectorCallOf, type ConnectorRequest } from "@/lib/connectors/define";
import { createNodeServices } from "@/lib/execution/services";

/** Pages one poll reads at most; the cursor after the last page read is where the next poll goes on. */
export const MAX_POLL_PAGES = 10;

/**
 * Asks a polled app trigger's app for the items after `cursor` (lib/connectors/define.ts
 * `poll`), page after page up to {@link MAX_POLL_PAGES}. Requests take the actions' outbound
 * path with the trigger's connection, loaded in the workflow's workspace: credentials applied
 * server-side, SSRF guard, circuit breaker, rate limit; secrets are masked in the error a failed
 * request throws. Returns the items in order and the cursor after the last page read.
 */
export async function fetchAppItems(workspaceId: string, polled: PolledTriggerConfig, cursor: string | undefined): Promise<{ items: { key: string; body: unknown }[]; cursor: string | undefined }> {
  const { connector, trigger, props, connectionId } = polled;
  const call = await connectorCallOf(connector, createNodeServices(workspaceId), connectionId);
  const items: { key: string; body: unknown }[] = [];
  let next: ConnectorRequest | undefined;
  for (let page = 0; page < MAX_POLL_PAGES; page++) {
    const request = next;
    const answer = await callConnector(connector, (context) => request ?? trigger.poll.request(props, cursor, context), call);
    const read = trigger.poll.read(answer, props, cursor);
    items.push(...read.items);
    if (read.cursor !== undefined) cursor = read.cursor;
    next = read.next;
    if (!next) break;
  }
  return { items, cursor };
}
