import { appTriggerOf, connectorNodeDefinitions } from "@/lib/connectors";
import { apiOperationNode } from "./action-api-operation";
import { batchSyncAction } from "./action-batch-sync";
import { chatMessageAction } from "./action-chat-message";
import { aiAgentAction } from "./ai-agent";
import { aiModelAction } from "./ai-model";
import { emailAction } from "./action-email";
import { httpAction } from "./action-http";
import { mysqlAction } from "./action-mysql";
import { postgresAction } from "./action-postgres";
import { publishEventAction } from "./action-publish-event";
import { respondAction } from "./action-respond";
import { queuePublishAction } from "./action-queue-publish";
import { storeAction } from "./action-store";
import { subWorkflowAction } from "./action-sub-workflow";
import { delayFlow } from "./flow-delay";
import { ifFlow, ifFlowV1 } from "./flow-if";
import { mergeFlow } from "./flow-merge";
import { switchFlow } from "./flow-switch";
import { waitForEventFlow } from "./flow-wait-for-event";
import { aggregateTransform } from "./transform-aggregate";
import { codeTransform } from "./transform-code";
import { csvTransform } from "./transform-csv";
import { dateTimeTransform } from "./transform-datetime";
import { filterTransform } from "./transform-filter";
import { mapTransform } from "./transform-map";
import { maskTransform } from "./transform-mask";
import { setTransform } from "./transform-set";
import { splitTransform } from "./transform-split";
import { validateTransform } from "./transform-validate";
import { xmlTransform } from "./transform-xml";
import { eventTrigger } from "./trigger-event";
import { manualTrigger } from "./trigger-manual";
import { pollTrigger } from "./trigger-poll";
import { scheduleTrigger } from "./trigger-schedule";
import { queueTrigger } from "./trigger-queue";
import { webhookTrigger } from "./trigger-webhook";
import type { NodeDefinition } from "./types";

/** Every node type. Adding a node type: one file in lib/nodes/ and one line here (an app's actions: lib/connectors/). */
export const nodeDefinitions: readonly NodeDefinition[] = [
  manualTrigger,
  webhookTrigger,
  scheduleTrigger,
  pollTrigger,
  eventTrigger,
  queueTrigger,
  httpAction,
  apiOperationNode,
  emailAction,
  chatMessageAction,
  queuePublishAction,
  publishEventAction,
  respondAction,
  subWorkflowAction,
  storeAction,
  postgresAction,
  mysqlAction,
  batchSyncAction,
  aiModelAction,
  aiAgentAction,
  mapTransform,
  setTransform,
  filterTransform,
  splitTransform,
  aggregateTransform,
  validateTransform,
  codeTransform,
  xmlTransform,
  csvTransform,
  dateTimeTransform,
  maskTransform,
  ifFlow,
  switchFlow,
  mergeFlow,
  delayFlow,
  waitForEventFlow,
  // App connectors (lib/connectors/): one node type per action, e.g. "slack.postMessage".
  ...connectorNodeDefinitions,
];

/**
 * Earlier versions of node types, kept so that workflows built with them run as they always did
 * (a node's `typeVersion`, 1 when absent). The palette offers only the latest.
 */
const previousVersions: readonly NodeDefinition[] = [ifFlowV1];

const byType = new Map(nodeDefinitions.map((d) => [d.type, d]));
const byVersion = new Map([...nodeDefinitions, ...previousVersions].map((d) => [`${d.type}@${d.typeVersion ?? 1}`, d]));

/** A node type's definition: its latest version, or the version asked for. */
export function getNodeDefinition(type: string, typeVersion?: number): NodeDefinition | undefined {
  return typeVersion === undefined ? byType.get(type) : byVersion.get(`${type}@${typeVersion}`);
}

/** The definition a node of a workflow runs with: the version it names, 1 when it names none. */
export function nodeDefinitionOf(node: { type: string; typeVersion?: number }): NodeDefinition | undefined {
  return getNodeDefinition(node.type, node.typeVersion ?? 1);
}

/** The version new nodes of a type get. */
export function latestTypeVersion(type: string): number {
  return byType.get(type)?.typeVersion ?? 1;
}

export function isTriggerType(type: string): boolean {
  return byType.get(type)?.category === "trigger";
}

/** Triggers whose runs start from calls to the workflow's webhook URL: the Webhook trigger and app triggers the app calls (stripe.onEvent). */
export function receivesWebhooks(type: string): boolean {
  const app = appTriggerOf(type);
  return type === "trigger.webhook" || (app !== undefined && !app.trigger.poll);
}

/** Triggers that ask for new items on an interval: the Poll trigger and polled app triggers (google-sheets.onNewRow). */
export function isPolled(type: string): boolean {
  return type === "trigger.poll" || !!appTriggerOf(type)?.trigger.poll;
}

export { outputsOf, MAIN_OUTPUT } from "./types";
export type { NodeDefinition, NodeCategory, OutputHandle } from "./types";
