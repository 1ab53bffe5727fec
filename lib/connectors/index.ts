import { z } from "zod";
import { polledTriggerFields } from "@/lib/nodes/trigger-poll";
import type { NodeDefinition } from "@/lib/nodes/types";
import { connectorNode, connectorTriggerNode, type Connector, type ConnectorTrigger, type PolledTrigger } from "./define";
import { airtable } from "./airtable";
import { discord } from "./discord";
import { github } from "./github";
import { gitlab } from "./gitlab";
import { googleSheets } from "./google-sheets";
import { hubspot } from "./hubspot";
import { jira } from "./jira";
import { mailchimp } from "./mailchimp";
import { notion } from "./notion";
import { pipedrive } from "./pipedrive";
import { salesforce } from "./salesforce";
import { sendgrid } from "./sendgrid";
import { shopify } from "./shopify";
import { slack } from "./slack";
import { stripe } from "./stripe";
import { teams } from "./teams";
import { telegram } from "./telegram";
import { trello } from "./trello";
import { twilio } from "./twilio";
import { zendesk } from "./zendesk";

/** Every app connector. Adding an app: one file in lib/connectors/ and one line here. */
export const connectors: readonly Connector[] = [
  slack,
  teams,
  discord,
  telegram,
  stripe,
  shopify,
  github,
  gitlab,
  hubspot,
  salesforce,
  pipedrive,
  sendgrid,
  mailchimp,
  twilio,
  airtable,
  notion,
  googleSheets,
  trello,
  jira,
  zendesk,
];

/** One node type per connector action (`slack.postMessage`) and trigger (`stripe.onEvent`), registered in lib/nodes/index.ts. */
export const connectorNodeDefinitions: readonly NodeDefinition[] = connectors.flatMap((connector) => [
  ...connector.actions.map((action) => connectorNode(connector, action)),
  ...(connector.triggers ?? []).map((trigger) => connectorTriggerNode(connector, trigger)),
]);

/** The app trigger behind a node type (`stripe.onEvent`), with its connector. */
export function appTriggerOf(type: string): { connector: Connector; trigger: ConnectorTrigger } | undefined {
  const dot = type.indexOf(".");
  const connector = connectors.find((c) => c.id === type.slice(0, dot));
  const trigger = connector?.triggers?.find((t) => t.name === type.slice(dot + 1));
  return connector && trigger ? { connector, trigger } : undefined;
}

/** A polled app trigger (google-sheets.onNewRow) with its stored config parsed. */
export interface PolledTriggerConfig {
  type: string;
  connector: Connector;
  trigger: PolledTrigger;
  connectionId: string;
  props: Record<string, unknown>;
  interval: string;
  emitExisting: boolean;
}

/** The node types of polled app triggers, for the poller's query. */
export const polledTriggerTypes: readonly string[] = connectors.flatMap((connector) => (connector.triggers ?? []).filter((trigger) => trigger.poll).map((trigger) => `${connector.id}.${trigger.name}`));

/** The polled app trigger behind a node type with its config parsed; undefined for other types and for a config that is not valid. */
export function polledTriggerOf(type: string, config: unknown): PolledTriggerConfig | undefined {
  const app = appTriggerOf(type);
  if (!app?.trigger.poll) return undefined;
  const parsed = z.object({ connectionId: z.string(), ...app.trigger.props, ...polledTriggerFields }).safeParse(config);
  if (!parsed.success) return undefined;
  const { connectionId, interval, emitExisting, ...props } = parsed.data;
  return { type, connector: app.connector, trigger: app.trigger, connectionId, props, interval, emitExisting };
}
