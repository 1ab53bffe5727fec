import { appTriggerOf } from "@/lib/connectors";
import type { WebhookTrigger } from "@/lib/connectors/define";
import { db } from "@/lib/db/client";
import { nodeDefinitionOf } from "@/lib/nodes";
import { webhookConfigSchema, type WebhookConfig } from "@/lib/nodes/trigger-webhook";
import { decryptSecret, isEncrypted } from "@/lib/secrets/crypto";
import type { WorkflowDocument } from "@/lib/document/schema";
import type { Registration } from "../app-webhooks";
import { syncWorkflowTrigger } from "../workflow-trigger";
import { APP_DEDUP_WINDOW_HOURS } from "@/lib/idempotency";

export interface WebhookTarget {
  workspaceId: string;
  workflowId: string;
  version: number;
  active: boolean;
  triggerType: string | null;
  config: WebhookConfig | null;
  /** The decrypted signing secret. */
  secret?: string;
  /** For an app trigger: its definition and the trigger node's settings (handshakes and event filters read them). */
  app?: { trigger: WebhookTrigger; props: Record<string, unknown> };
}

// Parsed configs per workflow version (a version never changes), and targets per token for a
// moment, so a burst of deliveries does not read the workflow for each one. Changes made in this
// process (save, switch off, new URL, delete) forget the targets at once; other processes see
// them within TARGET_TTL_MS.
const holder = globalThis as typeof globalThis & {
  __switchboardWebhookConfigs?: Map<string, { config: WebhookConfig; secret?: string }>;
  __switchboardWebhookTargets?: Map<string, { target: WebhookTarget; at: number }>;
};
const configs = (holder.__switchboardWebhookConfigs ??= new Map<string, { config: WebhookConfig; secret?: string }>());
const targets = (holder.__switchboardWebhookTargets ??= new Map<string, { target: WebhookTarget; at: number }>());
const TARGET_TTL_MS = 1000;

/** Called whenever a workflow changes in this process. */
export function forgetWebhookTargets() {
  targets.clear();
}

/** The workflow behind a webhook token with its parsed webhook config, or null for an unknown token. */
export async function loadWebhookTarget(token: string): Promise<WebhookTarget | null> {
  if (!token || token.length > 100) return null;
  const cached = targets.get(token);
  if (cached && Date.now() - cached.at < TARGET_TTL_MS) return cached.target;
  const target = await readWebhookTarget(token);
  if (target) {
    if (targets.size > 10_000) targets.clear();
    targets.set(token, { target, at: Date.now() });
  }
  return target;
}

async function readWebhookTarget(token: string): Promise<WebhookTarget | null> {
  const row = await db().workflow.findUnique({
    where: { webhookToken: token },
    select: { id: true, workspaceId: true, active: true, version: true, trigger: { select: { type: true, config: true, version: true, registration: true } } },
  });
  if (!row) return null;
  let trigger = row.trigger;
  if (!trigger || trigger.version !== row.version) trigger = await backfillTrigger(row.id);
  const base = { workspaceId: row.workspaceId, workflowId: row.id, version: row.version, active: row.active, triggerType: trigger?.type ?? null };
  const app = trigger ? appTriggerOf(trigger.type)?.trigger : undefined;
  // A polled app trigger asks its app for items; nothing may start its runs through the URL.
  if (app?.poll) return { ...base, config: null };
  if (app) {
    const props = (trigger?.config ?? {}) as Record<string, unknown>;
    // A registered trigger's secret was issued or handed over at registration; a trigger the user set up in the app signs with a secret of its settings.
    const secret = app.register ? registrationSecret(trigger?.registration) : settingSecret(props, app.signingSecretProp);
    return { ...base, config: appWebhookConfig(app), secret, app: { trigger: app, props } };
  }
  if (trigger?.type !== "trigger.webhook") return { ...base, config: null };
  const key = `${row.id}:${row.version}`;
  let parsed = configs.get(key);
  if (!parsed) {
    const config = webhookConfigSchema.parse(trigger.config ?? {});
    const stored = config.signature.secret;
    parsed = { config, secret: stored ? (isEncrypted(stored) ? decryptSecret(stored) : stored) : undefined };
    if (configs.size > 1000) configs.delete(configs.keys().next().value!);
    configs.set(key, parsed);
  }
  return { ...base, ...parsed };
}

/** Every delivery of an app trigger is a POST signed with the app's scheme (beside its unsigned URL check, if any), deduplicated by the app's id for it (or for each of its events). */
function appWebhookConfig(trigger: WebhookTrigger): WebhookConfig {
  return {
    methods: ["POST"],
    signature: appSignature(trigger.signature),
    dedup: appDedup(trigger.dedup),
    response: { mode: "immediate", timeoutMs: 10_000 },
    // GitHub sends payloads of up to 25 MB.
    maxBodyBytes: 25 * 1024 * 1024,
  };
}

/** Triggers whose events carry their own keys (`events`) have no dedup of the whole delivery. */
function appDedup(dedup: WebhookTrigger["dedup"]): WebhookConfig["dedup"] {
  if (!dedup) return { source: "none", windowHours: APP_DEDUP_WINDOW_HOURS };
  const windowHours = APP_DEDUP_WINDOW_HOURS;
  return "header" in dedup ? { source: "header", header: dedup.header, windowHours } : { source: "expression", expression: dedup.expression, windowHours };
}

function appSignature(signature: WebhookTrigger["signature"]): WebhookConfig["signature"] {
  const common = { algorithm: "sha256", encoding: "hex", toleranceSeconds: 300 } as const;
  if (typeof signature === "string") return { scheme: signature, ...common };
  if ("secretHeader" in signature) return { scheme: "header", header: signature.secretHeader, ...common };
  return { scheme: "hmac", header: signature.hmacHeader, prefix: signature.prefix, ...common };
}

/** The signing secret of a stored registration, if any. */
function registrationSecret(stored: unknown): string | undefined {
  const registration = stored as Pick<Registration, "secret"> | null;
  return registration?.secret ? decryptSecret(registration.secret) : undefined;
}

function settingSecret(props: Record<string, unknown>, prop: string | undefined): string | undefined {
  const stored = prop ? props[prop] : undefined;
  if (typeof stored !== "string" || !stored) return undefined;
  return isEncrypted(stored) ? decryptSecret(stored) : stored;
}

/** Workflows saved before triggers were mirrored have no WorkflowTrigger row yet: derive it from the document once. */
async function backfillTrigger(workflowId: string) {
  return db().$transaction(async (tx) => {
    const workflow = await tx.workflow.findUnique({ where: { id: workflowId }, select: { version: true, document: true } });
    if (!workflow) return null;
    await syncWorkflowTrigger(tx, workflowId, workflow.version, workflow.document as unknown as WorkflowDocument);
    const node = (workflow.document as unknown as WorkflowDocument).nodes.find((n) => nodeDefinitionOf(n)?.category === "trigger");
    return node ? { type: node.type, config: node.config as object, version: workflow.version, registration: null } : null;
  });
}
