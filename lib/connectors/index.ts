import type { NodeDefinition } from "@/lib/nodes/types";
import { connectorNode, type Connector } from "./define";
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

/** One node type per connector action (`slack.postMessage`), registered in lib/nodes/index.ts. */
export const connectorNodeDefinitions: readonly NodeDefinition[] = connectors.flatMap((connector) => connector.actions.map((action) => connectorNode(connector, action)));
