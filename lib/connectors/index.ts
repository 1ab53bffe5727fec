import type { NodeDefinition } from "@/lib/nodes/types";
import { connectorNode, type Connector } from "./define";
import { airtable } from "./airtable";
import { github } from "./github";
import { gitlab } from "./gitlab";
import { googleSheets } from "./google-sheets";
import { hubspot } from "./hubspot";
import { jira } from "./jira";
import { notion } from "./notion";
import { pipedrive } from "./pipedrive";
import { sendgrid } from "./sendgrid";
import { slack } from "./slack";
import { stripe } from "./stripe";
import { zendesk } from "./zendesk";

/** Every app connector. Adding an app: one file in lib/connectors/ and one line here. */
export const connectors: readonly Connector[] = [slack, stripe, github, gitlab, hubspot, pipedrive, sendgrid, airtable, notion, googleSheets, jira, zendesk];

/** One node type per connector action (`slack.postMessage`), registered in lib/nodes/index.ts. */
export const connectorNodeDefinitions: readonly NodeDefinition[] = connectors.flatMap((connector) => connector.actions.map((action) => connectorNode(connector, action)));
