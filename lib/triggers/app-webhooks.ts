import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api/http";
import { applyHttpAuth } from "@/lib/connections/http-auth";
import { ConnectionMissingError, loadConnection } from "@/lib/connections/store";
import { appTriggerOf } from "@/lib/connectors";
import { callConnector, type Connector, type ConnectorContext, type ConnectorRequest, type ConnectorTrigger } from "@/lib/connectors/define";
import { db } from "@/lib/db/client";
import { toJson } from "@/lib/json";
import { guardedFetch } from "@/lib/outbound/http";
import { transformServices } from "@/lib/transforms/services";
import { hookUrl } from "@/lib/workflow-store/present";
import { encryptSecret, isEncrypted } from "@/lib/secrets/crypto";
import { forgetWebhookTargets } from "./webhook/target";

/**
 * App triggers' webhooks (stripe.onEvent, github.onRepositoryEvent): while a workflow is live
 * (switched on, its published version starting with an app trigger) the app holds exactly one
 * subscription to the workflow's webhook URL, registered through the trigger's connection; it is
 * removed when the workflow is switched off or deleted, its URL changes, or the trigger's settings
 * change (then a new one is registered). The app's id for it and the signing secret (issued by the
 * app, or generated here and handed to it) are kept, encrypted, on the workflow's trigger row.
 */
export interface Registration {
  /** What was registered: trigger type, connection, settings and URL, hashed. */
  key: string;
  type: string;
  connectionId: string;
  props: Record<string, unknown>;
  externalId: string;
  /** The app's id for the resource that routes events to the subscription (`register.route`). */
  routeId?: string;
  /** Encrypted. */
  secret: string;
  /** When the app lets the subscription expire unless it is refreshed (Airtable: 7 days), ISO 8601. */
  expiresAt?: string;
  /** For triggers whose app only pings (`changes`): the app's cursor of the next change to fetch (lib/triggers/app-changes.ts). */
  cursor?: number;
}

/**
 * Brings the app's subscription in line with the workflow: registers, replaces or removes it.
 * A refused registration switches the workflow off and answers 409 naming the trigger node, so a
 * workflow never looks live while the app is not calling it.
 */
export async function syncAppWebhook(workspaceId: string, workflowId: string, origin: string): Promise<void> {
  const workflow = await db().workflow.findFirst({
    where: { id: workflowId, workspaceId },
    select: { active: true, webhookToken: true, trigger: { select: { nodeId: true, type: true, config: true, registration: true } } },
  });
  if (!workflow) return;
  const trigger = workflow.trigger;
  const current = (trigger?.registration ?? null) as Registration | null;
  const app = trigger ? appTriggerOf(trigger.type) : undefined;
  const { connectionId, ...props } = (trigger?.config ?? {}) as { connectionId?: string } & Record<string, unknown>;
  const url = hookUrl(origin, workflow.webhookToken);
  // Triggers the user registers in the app's settings (Slack's Event Subscriptions) hold no registration.
  const register = app?.trigger.register;
  const wanted = workflow.active && register && connectionId ? { type: trigger!.type, connectionId, props, url } : null;
  const key = wanted && createHash("sha256").update(JSON.stringify(wanted)).digest("hex");
  if ((current?.key ?? null) === key) return;

  if (current) await removeRegistration(workspaceId, current);
  if (!wanted || !app || !register) {
    if (current) await store(workflowId, null);
    return;
  }
  const secret = randomBytes(32).toString("hex");
  try {
    const answer = await send(workspaceId, app.connector, wanted.connectionId, (context) => register.create(props, { url, secret }, context));
    const issued: { id: string; secret?: string; routeId?: string; expiresAt?: string } = register.read(answer);
    if (register.signingSecret || register.route) Object.assign(issued, await completeRegistration(workspaceId, app.connector, { ...wanted, externalId: issued.id }, register));
    // A secret the app signs with already (Shopify's client secret) is in the trigger's config, encrypted as every secret field is.
    const own = app.trigger.signingSecretProp ? props[app.trigger.signingSecretProp] : undefined;
    const signing = typeof own === "string" && own ? (isEncrypted(own) ? own : encryptSecret(own)) : encryptSecret(issued.secret ?? secret);
    await store(workflowId, { key: key!, type: wanted.type, connectionId: wanted.connectionId, props, externalId: issued.id, ...(issued.routeId ? { routeId: issued.routeId } : {}), ...(issued.expiresAt ? { expiresAt: issued.expiresAt } : {}), secret: signing });
  } catch (error) {
    await db().workflow.update({ where: { id: workflowId }, data: { active: false } });
    if (current) await store(workflowId, null);
    forgetWebhookTargets();
    throw new ApiError(409, `${app.connector.name} did not register the workflow's webhook, so the workflow was switched off`, [
      { path: `nodes.${trigger!.nodeId}`, message: error instanceof Error ? error.message : String(error) },
    ]);
  }
}

/** As {@link syncAppWebhook} for a workflow just created or imported: a refused registration leaves it saved and switched off; switching it on says why. */
export async function syncNewAppWebhook(workspaceId: string, workflowId: string, origin: string): Promise<void> {
  try {
    await syncAppWebhook(workspaceId, workflowId, origin);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
}

/** Removes the app's subscription before the workflow is deleted. */
export async function removeAppWebhook(workspaceId: string, workflowId: string): Promise<void> {
  const trigger = await db().workflowTrigger.findFirst({ where: { workflowId, workflow: { workspaceId } }, select: { registration: true } });
  const current = (trigger?.registration ?? null) as Registration | null;
  if (current) await removeRegistration(workspaceId, current);
}

/**
 * For a subscription the app refused to keep (its refresh answered that it is gone, or the
 * connection may no longer manage it): the workflow is switched off and the registration dropped,
 * as when a registration is refused, so switching it on again registers anew and says why if
 * that fails too. Only if the registration is still `externalId`.
 */
export async function dropRefusedRegistration(workspaceId: string, workflowId: string, externalId: string): Promise<void> {
  const trigger = await db().workflowTrigger.findFirst({ where: { workflowId, workflow: { workspaceId } }, select: { registration: true } });
  const current = (trigger?.registration ?? null) as Registration | null;
  if (current?.externalId !== externalId) return;
  await removeRegistration(workspaceId, current);
  await store(workflowId, null);
  // Last, so a workflow seen switched off has nothing registered left.
  await db().workflow.update({ where: { id: workflowId }, data: { active: false } });
  forgetWebhookTargets();
}

/** Best effort: an app that no longer knows the subscription (404), or a connection deleted since, leaves nothing to remove; other failures are logged. */
async function removeRegistration(workspaceId: string, registration: Registration) {
  const app = appTriggerOf(registration.type);
  const register = app?.trigger.register;
  if (!app || !register) return;
  const remove = async (what: string, build: (context: ConnectorContext) => ConnectorRequest) => {
    try {
      await send(workspaceId, app.connector, registration.connectionId, build);
    } catch (error) {
      const status = (error as { details?: { response?: { status?: number } } }).details?.response?.status;
      if (status === 404 || status === 410 || error instanceof ConnectionMissingError) return;
      console.error(`[app-webhooks] removing the ${app.connector.name} ${what} failed: ${(error as Error).message}`);
    }
  };
  const { route } = register;
  const routeId = registration.routeId;
  if (route && routeId) await remove(`route ${routeId}`, (context) => route.remove(registration.props, routeId, context));
  await remove(`webhook ${registration.externalId}`, (context) => register.remove(registration.props, registration.externalId, context));
}

/**
 * The calls after creating a subscription: the signing secret an app hands out by a call of its
 * own, and the resource that routes events to the subscription (both Zendesk). When one fails,
 * what was just created is removed again.
 */
async function completeRegistration(workspaceId: string, connector: Connector, created: Pick<Registration, "type" | "connectionId" | "props" | "externalId">, register: NonNullable<ConnectorTrigger["register"]>): Promise<{ secret?: string; routeId?: string }> {
  const out: { secret?: string; routeId?: string } = {};
  const call = (build: (context: ConnectorContext) => ConnectorRequest) => send(workspaceId, connector, created.connectionId, build);
  try {
    const { signingSecret, route } = register;
    if (signingSecret) out.secret = signingSecret.read(await call((context) => signingSecret.request(created.externalId, context)));
    if (route) out.routeId = route.read(await call((context) => route.create(created.props, { id: created.externalId }, context)));
    return out;
  } catch (error) {
    await removeRegistration(workspaceId, { ...created, ...(out.routeId ? { routeId: out.routeId } : {}), key: "", secret: "" });
    throw error;
  }
}

async function store(workflowId: string, registration: Registration | null) {
  await db().workflowTrigger.updateMany({ where: { workflowId }, data: { registration: toJson(registration) } });
  forgetWebhookTargets();
}

/** One request of the app with the connection's credentials, through the SSRF-guarded outbound path. */
export async function send(workspaceId: string, connector: Connector, connectionId: string, build: (context: ConnectorContext) => ConnectorRequest) {
  const connection = await loadConnection(workspaceId, connectionId);
  if (!(connector.auth.types as string[]).includes(connection.type)) throw new Error(`Connection "${connection.name}" is a ${connection.type} connection; ${connector.name} needs one of: ${connector.auth.types.join(", ")}`);
  return callConnector(connector, build, {
    connectionId,
    settings: connection.config,
    digest: (algorithm, text) => transformServices.digest(algorithm, text),
    fetch: async (url, init) => {
      const headers = new Headers(init.headers);
      const auth = await applyHttpAuth(connection, url, headers, init.body as string | undefined, init.signal ?? undefined);
      return guardedFetch(auth.url, { ...init, headers: auth.headers });
    },
  });
}
