import type { LucideIcon } from "lucide-react";
import { z } from "zod";
import type { RateLimit } from "@/lib/connections/types";
import { NodeError } from "@/lib/nodes/errors";
import { isRetriableStatus, retryAfterMs } from "@/lib/nodes/action-http";
import { circuitFallbackField, connectionField } from "@/lib/nodes/outbound-fields";
import { polledTriggerFields } from "@/lib/nodes/trigger-poll";
import { defineNode, type NodeDefinition, type NodeServices } from "@/lib/nodes/types";
import type { WebhookTriggerOutput } from "@/lib/triggers/webhook/output";
import type { FilePart } from "./file";

/**
 * App connectors: one app = one file in lib/connectors/, in the spirit of Activepieces pieces.
 * A connector names the app, its API's base URL and which HTTP connections authenticate it; each
 * action declares typed props (zod) and turns them into a request. Registration
 * (lib/connectors/index.ts) makes every action a node type (`slack.postMessage`) that the palette,
 * inspector form, validation and engine use like any other. Requests go through the nodes'
 * outbound path (`services.fetch` with the connection: SSRF guard, circuit breaker, rate limit,
 * credentials applied server-side and masked in run history). Browser-safe: no server imports.
 */

/** The connection types a connector can authenticate with (lib/connections/types.ts). */
export type ConnectorAuthType = "apiKey" | "bearer" | "basic" | "oauth2Code";

export interface ConnectorAuth {
  /** Connection types offered in the node's connection picker; the first is the usual one. */
  types: ConnectorAuthType[];
  /** What the user puts in the connection, e.g. "A bot token (xoxb-…) as a Bearer token connection". */
  help: string;
  /** How "New connection" on the node fills the connection form for this app (type and non-secret settings). */
  preset?: ConnectionPreset;
}

export interface ConnectionPreset {
  type: ConnectorAuthType;
  config: Record<string, string>;
}

/** A bearer-token app (Authorization: Bearer <token>): a token pasted in, or an OAuth2 sign-in connection whose access token renews itself. */
export function bearerAuth(help: string): ConnectorAuth {
  return { types: ["bearer", "oauth2Code"], help, preset: { type: "bearer", config: {} } };
}

/** An app that takes an API key in a header (written as `format`, e.g. "Bot {key}"): an API key connection with that header name. */
export function apiKeyAuth(header: string, help: string, format?: string): ConnectorAuth {
  const written = format ? ` as “${format}”` : "";
  return { types: ["apiKey"], help: `${help} Use an API key connection that sends it in the “${header}” header${written}.`, preset: { type: "apiKey", config: { in: "header", name: header, ...(format ? { format } : {}) } } };
}

/** An app whose key is part of the URL path (Telegram's /bot<token>/…): an API key connection sending it "in the URL path". */
export function pathKeyAuth(help: string): ConnectorAuth {
  return { types: ["apiKey"], help: `${help} Use an API key connection that sends it in the URL path.`, preset: { type: "apiKey", config: { in: "path" } } };
}

/** An app reached through a secret incoming-webhook address: an API key connection whose key is the whole URL. */
export function webhookUrlAuth(help: string): ConnectorAuth {
  return { types: ["apiKey"], help: `${help} Use an API key connection whose key is the whole URL.`, preset: { type: "apiKey", config: { in: "url" } } };
}

/** An app that takes HTTP Basic credentials. */
export function basicAuth(help: string): ConnectorAuth {
  return { types: ["basic"], help, preset: { type: "basic", config: {} } };
}

type QueryValue = string | number | boolean | null | undefined;

/** What an action sends; `path` is appended to the base URL (use {@link path} to encode its parts). */
export interface ConnectorRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";
  path: string;
  /** Query parameters; empty, null and undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** A JSON body. */
  json?: unknown;
  /** An application/x-www-form-urlencoded body; nested objects and lists in bracket notation (Stripe's `metadata[key]`, `items[0][price]`). */
  form?: Record<string, unknown>;
  /** Lists in the form body as the same key repeated (Twilio's `MediaUrl=a&MediaUrl=b`) instead of `key[0]`. */
  repeatFormKeys?: boolean;
  /** A multipart/form-data body of text fields (objects and lists as JSON). */
  multipart?: Record<string, unknown>;
  /** Files of the multipart body, by field name (sent after its text fields). */
  files?: Record<string, FilePart>;
  /** A body sent as it is, in its content type (text/plain, application/xml). */
  text?: { body: string; contentType: string };
  headers?: Record<string, string>;
}

export interface ConnectorResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the answer is JSON, else its text (null when empty). */
  body: unknown;
}

/** What an action's request may read besides its props, given on the server when the node runs. */
export interface ConnectorContext {
  /** The connection's non-secret settings (a Basic connection's user name, an API key connection's header name…). */
  settings: Record<string, unknown>;
  /** A hex digest (Mailchimp names a list member by the MD5 of their lower-cased e-mail). */
  digest(algorithm: "md5" | "sha1" | "sha256", text: string): string;
}

type Shape = Record<string, z.ZodType>;
type PropsOf<S extends Shape> = z.output<z.ZodObject<S>>;

export interface ConnectorAction<S extends Shape = Shape> {
  /** Unique within the connector; the node type is `<connector id>.<name>`, e.g. "postMessage". */
  name: string;
  label: string;
  description: string;
  /** The action's props: fields of the node's config, in form order, validated client- and server-side. */
  props: S;
  /** Props of a node freshly dropped on the canvas. */
  defaults: Partial<z.input<z.ZodObject<S>>>;
  /** Sends a key derived from the run and node (the same on every retry) in the connector's idempotency header. */
  idempotent?: boolean;
  request(props: PropsOf<S>, context: ConnectorContext): ConnectorRequest;
  /** The node's output; the response body when omitted. */
  output?(response: ConnectorResponse, props: PropsOf<S>): unknown;
  /**
   * A typical answer's body, abridged from the provider's API reference (its documented example):
   * read through `output` and `pages.items` like a real answer, it is the node's example output,
   * whose fields autocomplete offers before the node has run.
   */
  sample: unknown;
  /** The sample answer's status when it is not 200 (204 for an API that answers with no body, 202 for one that queues the request). */
  sampleStatus?: number;
  /** A list the API hands out in pages: the node gets "All pages", which follows them and outputs every item in one list. */
  pages?: ConnectorPages;
}

/** How a list action's pages follow each other. */
export interface ConnectorPages {
  /** The items of one page's answer. */
  items(response: ConnectorResponse): unknown[];
  /** The request for the page after `response` (`request` fetched it), or undefined after the last page. */
  next(response: ConnectorResponse, request: ConnectorRequest): ConnectorRequest | undefined;
}

/**
 * "All pages": the items of the first answer and of the pages after it, until the last page, an
 * empty page or `limit` items. Each page is fetched by `fetchPage`, the same outbound path as the
 * first, so the connection's rate limit paces them.
 */
export async function collectPages(pages: ConnectorPages, first: { request: ConnectorRequest; response: ConnectorResponse }, limit: number, fetchPage: (request: ConnectorRequest) => Promise<ConnectorResponse>): Promise<unknown[]> {
  const items = pages.items(first.response);
  for (let request = pages.next(first.response, first.request); request && items.length < limit; ) {
    const response = await fetchPage(request);
    const page = pages.items(response);
    if (!page.length) break;
    items.push(...page);
    request = pages.next(response, request);
  }
  return items.slice(0, limit);
}

/** What "All pages" outputs at most, so a step's output stays far inside the engine's size limit. */
export const MAX_ITEMS = 10_000;

export const pageFields = {
  allPages: z.boolean().optional().meta({ title: "All pages", description: "Follow the API's pages and output every item in one list, up to “At most”." }),
  maxItems: z.number().int().min(1).max(MAX_ITEMS).default(1000).meta({ title: "At most (all pages)", description: `Items to collect when following pages, up to ${MAX_ITEMS.toLocaleString("en")}.` }),
};

/** A failure read from an answer; `retryAfterMs` when the body says when to try again (Telegram's `retry_after`). */
export interface ConnectorError {
  message: string;
  retriable?: boolean;
  retryAfterMs?: number;
}

/** What an app trigger's hooks read of a webhook delivery (the workflow's `trigger`). */
export type AppDelivery = Pick<WebhookTriggerOutput, "headers" | "body">;

/** One run of a delivery that holds several events: the event as the run's trigger body, and its key. */
export interface AppEventRun {
  key: string;
  body: unknown;
}

/** What every app trigger declares, whether the app calls it or it asks the app. */
interface TriggerBasics<S extends Shape = Shape> {
  /** The node type is `<connector id>.<name>`, e.g. "stripe.onEvent". */
  name: string;
  label: string;
  description: string;
  props: S;
  defaults: Partial<z.input<z.ZodObject<S>>>;
  /** A typical item's body (a delivery's, or a polled item's), abridged from the provider's reference: the trigger's example output (its `body`), whose fields autocomplete offers before a first event. */
  sample: unknown;
}

/**
 * A webhook app trigger: the app calls the workflow's webhook URL when something happens there.
 * With `register`, the workflow going live (active with a published version) registers the URL
 * with the app through the trigger's connection, and switching it off, deleting it or changing the
 * trigger removes that registration (lib/triggers/app-webhooks.ts). Without it the user pastes the
 * URL into the app's settings (`setup` says where) and the trigger needs no connection.
 * Deliveries are checked with the app's signature scheme and deduplicated by the app's event or
 * delivery id.
 */
export interface WebhookTrigger<S extends Shape = Shape> extends TriggerBasics<S> {
  poll?: undefined;
  /** How the app signs its deliveries (a scheme of lib/triggers/webhook/signature.ts; "basic": the Basic auth password it was given; "none" only for apps that sign nothing and advise a secret in the URL, which the webhook URL's token is: Mailchimp), or the header in which it sends back the secret it was given (GitLab's X-Gitlab-Token), or the header of an HMAC-SHA256 hex digest of the body after a prefix (Jira's `X-Hub-Signature: sha256=…`). */
  signature: "stripe" | "github" | "shopify" | "slack" | "trello" | "hubspot" | "zendesk" | "twilio" | "airtable" | "sendgrid" | "basic" | "none" | { secretHeader: string } | { hmacHeader: string; prefix: string };
  /** The prop (a secret field) holding the signing secret, for apps that sign with a secret they already have (Shopify's app client secret, Slack's signing secret). */
  signingSecretProp?: string;
  /** What a redelivery repeats: a header (GitHub's X-GitHub-Delivery) or a JSONata key over { headers, body } (Stripe's event id). Not for triggers with `events`, whose events carry their own keys. */
  dedup?: { header: string } | { expression: string };
  /**
   * For apps that post several events in one delivery (SendGrid's list of e-mail events): the
   * runs the delivery gives, in order, each with its trigger body (one event) and its key (what
   * a repeat of that event repeats). Events the settings do not ask for are left out; a delivery
   * that gives none is answered 200 and starts nothing. The runs, a delivery for each and their
   * keys are stored in one transaction before the answer, and an event whose key was seen
   * before starts no second run (lib/triggers/webhook/event-runs.ts). Throw an Error for a body
   * that is not what the app sends: it is refused with 400 and the message.
   */
  events?(props: PropsOf<S>, delivery: AppDelivery): AppEventRun[];
  /**
   * The answer to a signed request by which the app checks the URL before sending events (Slack's
   * url_verification challenge): answered with 200 and this JSON, and no run starts. Undefined for
   * an ordinary delivery.
   */
  handshake?(delivery: AppDelivery): unknown;
  /**
   * An unsigned request by which the app hands over the secret it will sign with (Notion's
   * `verification_token`): the reason to record, or undefined for other requests. Answered 200
   * before the signature is checked, recorded as Ignored with its body (where the user copies the
   * secret from), and no run starts.
   */
  verification?(delivery: AppDelivery): string | undefined;
  /** Whether a delivery is one the trigger's settings ask for (an event type, a channel); the others are answered 200 and start no run, so the app does not retry them. */
  accepts?(props: PropsOf<S>, delivery: AppDelivery): boolean;
  /**
   * A method by which the app checks the URL, unsigned and without a body (Trello's HEAD when a
   * webhook is created): answered 200 before anything is read; no run starts.
   */
  probe?: "HEAD" | "GET";
  /** Form bodies with bracketed names (`data[merges][FNAME]=Ada`) read as nested objects (`data.merges.FNAME`), as the app means them (Mailchimp). */
  nestedForm?: boolean;
  /** The answer to a delivery that starts a run, for apps that read it (Twilio's TwiML); by default 202 with the run's id as JSON. */
  reply?: { contentType: string; body: string };
  /**
   * For apps whose notification is only a ping saying that something changed (Airtable): the
   * changes are fetched from the app with the trigger's connection, from a cursor kept with the
   * registration (lib/triggers/app-changes.ts), and each change starts one run whose trigger body
   * is the change. A ping is answered 200 and starts nothing by itself.
   */
  changes?: {
    /** The request for the changes after `cursor` (undefined: from the start) of subscription `id`. */
    request(props: PropsOf<S>, id: string, cursor: number | undefined, context: ConnectorContext): ConnectorRequest;
    /** The answer's changes in order, the cursor to ask from next, and whether more are waiting. */
    read(response: ConnectorResponse): { payloads: unknown[]; cursor: number; more: boolean };
    /** The runs one change gives: each run's trigger body and its key (what a repeat of it repeats). */
    runs(props: PropsOf<S>, payload: unknown): { key: string; body: unknown }[];
    /** Keeps a subscription that expires alive: the request, and the new expiry read from its answer. */
    refresh?: { request(props: PropsOf<S>, id: string, context: ConnectorContext): ConnectorRequest; read(response: ConnectorResponse): string | undefined };
  };
  /** Where to paste the webhook URL in the app, for triggers without `register`. */
  setup?: string;
  register?: {
    /** Subscribes `url`; `secret` is a fresh random secret for apps that take one from us (GitHub). */
    create(props: PropsOf<S>, target: { url: string; secret: string }, context: ConnectorContext): ConnectorRequest;
    /** The app's id for the subscription, the signing secret when the app issues it (Stripe), and when the subscription expires unless refreshed (Airtable). */
    read(response: ConnectorResponse): { id: string; secret?: string; expiresAt?: string };
    /** For apps that hand out the signing secret by a call of its own after creating the subscription (Zendesk). */
    signingSecret?: { request(id: string, context: ConnectorContext): ConnectorRequest; read(response: ConnectorResponse): string };
    /**
     * A second resource that makes the app call the subscription, for apps whose subscriptions
     * only receive what something else sends them (Zendesk: a trigger whose action notifies the
     * webhook). Created after the subscription, removed before it.
     */
    route?: {
      create(props: PropsOf<S>, subscription: { id: string }, context: ConnectorContext): ConnectorRequest;
      read(response: ConnectorResponse): string;
      remove(props: PropsOf<S>, id: string, context: ConnectorContext): ConnectorRequest;
    };
    remove(props: PropsOf<S>, id: string, context: ConnectorContext): ConnectorRequest;
  };
}

/**
 * A polled app trigger, for apps whose API has no webhooks (Google Sheets, Salesforce): while the
 * workflow is on, the poller (lib/triggers/scheduler) asks the app for the items after a stored
 * cursor every "Poll every", through the trigger's connection and the actions' outbound path
 * (SSRF guard, circuit breaker, rate limit), following pages up to a bound. Each new item starts
 * one run whose trigger is `{ body: item, polledAt }`; an item whose key was seen starts none.
 * The first poll only records where things stand unless "Start with the items already there" is
 * on. Webhook-only fields are absent.
 */
export interface PolledTrigger<S extends Shape = Shape> extends TriggerBasics<S>, Partial<Record<Exclude<keyof WebhookTrigger, keyof TriggerBasics | "poll">, undefined>> {
  poll: ConnectorPoll<S>;
}

/** How a polled trigger asks its app for new items. */
export interface ConnectorPoll<S extends Shape = Shape> {
  /** The first page's request for the items after `cursor`; without one (the first poll), for the items there now. */
  request(props: PropsOf<S>, cursor: string | undefined, context: ConnectorContext): ConnectorRequest;
  /** One page's items in order with their keys (what a repeat of an item repeats), the cursor after them, and the next page's request (undefined: the last page). */
  read(response: ConnectorResponse, props: PropsOf<S>, cursor: string | undefined): PolledPage;
  /** What the trigger watches, in a few words, for the workflows list ("New rows of Sheet1"). */
  describe(props: PropsOf<S>): string;
}

export interface PolledPage {
  items: { key: string; body: unknown }[];
  /** The cursor to ask from once this page's items have started their runs (undefined: unchanged). */
  cursor?: string;
  next?: ConnectorRequest;
}

export type ConnectorTrigger<S extends Shape = Shape> = WebhookTrigger<S> | PolledTrigger<S>;

/** A trigger's prop for the secret the app signs with (name it in `signingSecretProp`): required, a secret field stored encrypted, never shown again. */
export function signingSecretField(meta: { title: string; description: string; missing: string }) {
  return z.string().trim().min(1, meta.missing).meta({ title: meta.title, description: `${meta.description} Stored encrypted.`, widget: "secret" });
}

const choicesOf = <K extends string>(labels: Record<K, string>) => z.enum(Object.keys(labels) as [K, ...K[]]);

/** A multiselect of `labels`' keys (an app's events, say) where choosing none means all of them. */
export function optionalChoicesField<K extends string>(labels: Record<K, string>, meta: { title: string; description: string }) {
  return z.array(choicesOf(labels)).optional().meta({ ...meta, widget: "multiselect", optionLabels: labels });
}

/** A multiselect of `labels`' keys where at least one must be chosen (`missing` says so). */
export function requiredChoicesField<K extends string>(labels: Record<K, string>, { missing, ...meta }: { title: string; description?: string; missing: string }) {
  return z.array(choicesOf(labels)).min(1, missing).meta({ ...meta, widget: "multiselect", optionLabels: labels });
}

/** Declares a webhook app trigger with typed props. */
export function defineTrigger<S extends Shape>(trigger: WebhookTrigger<S>): ConnectorTrigger {
  return trigger;
}

/** Declares a polled app trigger with typed props. */
export function definePolledTrigger<S extends Shape>(trigger: PolledTrigger<S>): ConnectorTrigger {
  return trigger;
}

export interface Connector {
  /** Lower-case id, the node types' prefix, e.g. "slack". */
  id: string;
  name: string;
  description: string;
  icon: LucideIcon;
  /**
   * The API's base URL; a connection's "API base URL" setting replaces it (regional endpoints,
   * proxies, test servers). A function derives it from the connection's settings, or throws an
   * Error saying what to set when it cannot (a shop's own address).
   */
  baseUrl: string | ((settings: Record<string, unknown>) => string);
  auth: ConnectorAuth;
  /** A cheap authenticated GET under the base URL (GitHub's /user): "New connection" for the app makes it the Test URL, so "Save and test" checks the credential. */
  testPath?: string;
  /** The app's documented request limit: "New connection" for the app turns the connection's rate limit on with it. */
  rateLimit?: RateLimit;
  /** Headers of every request (API version, Accept, User-Agent). */
  headers?: Record<string, string>;
  /** The header idempotent actions send their key in (default "Idempotency-Key"). */
  idempotencyHeader?: string;
  /**
   * Reads an error from an answer: a provider error body's message, or an error the API reports
   * with a 2xx status (Slack's `{ ok: false, error }`). Undefined for a successful 2xx answer.
   */
  errorOf?(response: ConnectorResponse): ConnectorError | undefined;
  actions: ConnectorAction[];
  triggers?: ConnectorTrigger[];
  /** Per-request time limit in ms (default 30 s). */
  timeoutMs?: number;
}

/** Declares an action with typed props; `request` and `output` see the parsed props. */
export function defineAction<S extends Shape>(action: ConnectorAction<S>): ConnectorAction {
  return action;
}

export function defineConnector(connector: Connector): Connector {
  const names = new Set<string>();
  if (!/^[a-z][a-z0-9-]*$/.test(connector.id)) throw new Error(`Connector id "${connector.id}" must be lower-case letters, digits and dashes`);
  for (const action of [...connector.actions, ...(connector.triggers ?? [])]) {
    if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(action.name)) throw new Error(`Action name "${connector.id}.${action.name}" must be letters and digits`);
    if (names.has(action.name)) throw new Error(`Connector ${connector.id} declares action "${action.name}" twice`);
    const webhookTrigger = "signature" in action && action.signature !== undefined;
    const keysRunsOneWay = webhookTrigger && (action.dedup !== undefined) !== (action.events !== undefined);
    if (webhookTrigger && !keysRunsOneWay) throw new Error(`Trigger ${connector.id}.${action.name} needs either "dedup" or "events"`);
    if (["connectionId", "circuitFallback", "allPages", "maxItems", ...Object.keys(polledTriggerFields)].some((key) => key in action.props)) throw new Error(`${connector.id}.${action.name}: "connectionId", "circuitFallback", "allPages", "maxItems", "interval" and "emitExisting" are added by the framework`);
    names.add(action.name);
  }
  return connector;
}

/** A URL path with each interpolated value percent-encoded: path`/repos/${owner}/${repo}/issues`. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? encodeURIComponent(String(values[i])) : ""), "");
}

/**
 * A whole number the user may also give as an expression (`{{ trigger.amount }}`): number fields
 * of the form take no expressions, so these are text fields holding digits or an expression,
 * sent as the text of the number. Evaluated expressions that give a number are accepted too.
 */
export function wholeNumberProp(meta: { title: string; description?: string }) {
  return z
    .union([z.number().int(), z.string().trim()])
    .transform((value) => String(value))
    .pipe(z.string().regex(/^(-?\d+|[\s\S]*\{\{[\s\S]*\}\}[\s\S]*)$/, "A whole number or an {{ expression }}"))
    .meta({ ...meta, widget: "text" });
}

/**
 * Encodes a form body in bracket notation: `{ metadata: { a: "1" }, items: [{ price: "p" }] }` →
 * `metadata[a]=1&items[0][price]=p`; with `repeatKeys`, lists repeat their key: `MediaUrl=a&MediaUrl=b`.
 */
export function encodeForm(fields: Record<string, unknown>, repeatKeys = false): string {
  const form = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item, i) => add(repeatKeys ? key : `${key}[${i}]`, item));
    else if (typeof value === "object") for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    else form.append(key, String(value));
  };
  for (const [key, value] of Object.entries(fields)) add(key, value);
  return form.toString();
}

/**
 * A multipart/form-data body: text fields (lists repeat their field, objects are sent as JSON),
 * then files with their names and content types. Encoded by the Fetch API's FormData, so names
 * and boundaries are escaped as browsers do; returned as bytes with its content type.
 */
async function encodeMultipart(fields: Record<string, unknown>, files: Record<string, FilePart>): Promise<{ body: Uint8Array<ArrayBuffer>; contentType: string }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      form.append(key, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  for (const [key, file] of Object.entries(files)) form.append(key, new Blob([base64Bytes(file.base64)], { type: file.contentType }), file.name);
  const encoded = new Request("http://multipart.invalid/", { method: "POST", body: form });
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! };
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The request URL: the base URL (a connection's, else the connector's) with the path and query. */
export function requestUrl(baseUrl: string, request: Pick<ConnectorRequest, "path" | "query">): URL {
  const url = new URL(baseUrl.replace(/\/+$/, "") + (request.path.startsWith("/") ? request.path : `/${request.path}`));
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    url.searchParams.append(key, String(value));
  }
  return url;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The connection picker of an app's nodes: the app's auth types, and "New connection" filled for the app. */
function appConnectionField(connector: Connector, help = connector.auth.help) {
  return connectionField(connector.auth.types, help, connector.auth.preset ? connector.id : undefined);
}

/** Turns one connector action into a node type: `<connector>.<action>`, category "action". */
export function connectorNode(connector: Connector, action: ConnectorAction): NodeDefinition {
  const config = z.object({
    connectionId: appConnectionField(connector),
    ...action.props,
    ...(action.pages ? pageFields : {}),
    circuitFallback: circuitFallbackField,
  });
  return defineNode({
    type: `${connector.id}.${action.name}`,
    kind: "step",
    category: "action",
    label: `${connector.name}: ${action.label}`,
    description: action.description,
    icon: connector.icon,
    app: { id: connector.id, name: connector.name, action: action.label },
    config,
    defaults: { connectionId: "", ...action.defaults },
    outputExample: (values) => {
      const { allPages, ...props } = values as { allPages?: boolean } & Record<string, unknown>;
      const answer: ConnectorResponse = { status: action.sampleStatus ?? 200, headers: { "content-type": "application/json" }, body: action.sample };
      if (action.pages && allPages) return action.pages.items(answer);
      return action.output ? action.output(answer, props) : action.sample;
    },
    async execute({ config: values, services, signal, scope, nodeId }) {
      const { connectionId, circuitFallback: _fallback, allPages, maxItems, ...props } = values as { connectionId: string; circuitFallback?: boolean; allPages?: boolean; maxItems?: number } & Record<string, unknown>;
      const call = await connectorCallOf(connector, services, connectionId, { signal, idempotencyKey: action.idempotent ? `${scope.run.id}:${nodeId}` : undefined });
      let built: ConnectorRequest | undefined;
      const answer = await callConnector(connector, (context) => (built = action.request(props, context)), call);
      if (!(action.pages && allPages)) return { output: action.output ? action.output(answer, props) : answer.body };
      const items = await collectPages(action.pages, { request: built!, response: answer }, maxItems ?? 1000, (page) => callConnector(connector, () => page, call));
      return { output: items };
    },
  });
}

/** Turns an app trigger into a trigger node type: `<connector>.<trigger>`; its output is the delivery `{ method, headers, query, body }`, or for a polled trigger `{ body, polledAt }`. */
export function connectorTriggerNode(connector: Connector, trigger: ConnectorTrigger): NodeDefinition {
  const common = {
    type: `${connector.id}.${trigger.name}`,
    kind: "step" as const,
    category: "trigger" as const,
    label: `${connector.name}: ${trigger.label}`,
    description: trigger.description,
    icon: connector.icon,
    app: { id: connector.id, name: connector.name, action: trigger.label },
    async execute({ scope }: { scope: { trigger: unknown } }) {
      return { output: scope.trigger };
    },
  };
  if (trigger.poll) {
    return defineNode({
      ...common,
      config: z.object({ connectionId: appConnectionField(connector, `${connector.auth.help} Used to ask ${connector.name} for new items while the workflow is on.`), ...trigger.props, ...polledTriggerFields }),
      defaults: { connectionId: "", ...trigger.defaults, interval: "5m", emitExisting: false },
      outputExample: (): PolledTriggerOutput => ({ body: trigger.sample, polledAt: "2026-01-05T09:30:00.000Z" }),
    });
  }
  return defineNode({
    ...common,
    config: trigger.register
      ? z.object({ connectionId: appConnectionField(connector, `${connector.auth.help} Used to register this workflow's webhook with ${connector.name} when it goes live.`), ...trigger.props })
      : z.object(trigger.props),
    defaults: trigger.register ? { connectionId: "", ...trigger.defaults } : trigger.defaults,
    outputExample: (): WebhookTriggerOutput => ({ method: "POST", headers: { "content-type": "application/json" }, query: {}, body: trigger.sample }),
  });
}

/** A polled trigger's run input: one item, and when the poll that found it began. */
export interface PolledTriggerOutput {
  body: unknown;
  polledAt: string;
}

/** How {@link callConnector} reaches the app: the outbound path that applies the connection's credentials. */
export interface ConnectorCall {
  connectionId: string;
  /** The connection's non-secret settings. */
  settings: Record<string, unknown>;
  fetch(url: URL, init: RequestInit & { connectionId: string }): Promise<Response>;
  digest: ConnectorContext["digest"];
  signal?: AbortSignal;
  /** Sent in the connector's idempotency header. */
  idempotencyKey?: string;
}

/** How a node's requests of the app go: through the nodes' outbound path (`services.fetch`) with the connection, which must be of a type the app takes. */
export async function connectorCallOf(connector: Connector, services: Pick<NodeServices, "connectionSettings" | "fetch" | "transforms">, connectionId: string, options: Pick<ConnectorCall, "signal" | "idempotencyKey"> = {}): Promise<ConnectorCall> {
  const connection = await services.connectionSettings(connectionId, connector.auth.types);
  return {
    connectionId,
    settings: connection.config,
    fetch: (url, init) => services.fetch(url, init),
    digest: (algorithm, text) => services.transforms.digest(algorithm, text),
    ...options,
  };
}

/**
 * Builds a request of the connector (base URL from the connection, its headers, a JSON or form
 * body), sends it and reads the answer. Fails with a NodeError carrying the app's own message:
 * retriable for 5xx, 408, 425 and 429 unless the connector says otherwise, never for a request
 * that cannot be built from the props and settings.
 */
/** What a request needs of its connector: an imported API's operation passes its own. */
type ConnectorEndpoint = Pick<Connector, "name" | "baseUrl" | "headers" | "idempotencyHeader" | "timeoutMs" | "errorOf">;

export async function callConnector(connector: ConnectorEndpoint, build: (context: ConnectorContext) => ConnectorRequest, call: ConnectorCall): Promise<ConnectorResponse> {
  const { settings } = call;
  let request: ConnectorRequest;
  let url: URL;
  try {
    const base = typeof settings.baseUrl === "string" && settings.baseUrl ? settings.baseUrl : typeof connector.baseUrl === "string" ? connector.baseUrl : connector.baseUrl(settings);
    request = build({ settings, digest: call.digest });
    url = requestUrl(base, request);
  } catch (error) {
    // A setting or prop the request cannot be built from: another attempt would fail the same way.
    if (error instanceof NodeError) throw error;
    throw new NodeError(`${connector.name}: ${(error as Error).message}`, { retriable: false });
  }
  const headers = new Headers({ accept: "application/json", ...connector.headers, ...request.headers });
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (request.form !== undefined) {
    body = encodeForm(request.form, request.repeatFormKeys);
    headers.set("content-type", "application/x-www-form-urlencoded");
  } else if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers.set("content-type", "application/json; charset=utf-8");
  } else if (request.multipart !== undefined || request.files !== undefined) {
    const multipart = await encodeMultipart(request.multipart ?? {}, request.files ?? {});
    body = multipart.body;
    headers.set("content-type", multipart.contentType);
  } else if (request.text !== undefined) {
    body = request.text.body;
    headers.set("content-type", request.text.contentType);
  }
  if (call.idempotencyKey) headers.set(connector.idempotencyHeader ?? "Idempotency-Key", call.idempotencyKey);

  const timeoutMs = connector.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  // decodeURI shows a path placeholder as {key}, never the key the connection puts there.
  const where = `${connector.name} ${request.method} ${decodeURI(url.pathname)}`;
  let response: Response;
  try {
    response = await call.fetch(url, { method: request.method, headers, body, signal: call.signal ? AbortSignal.any([call.signal, timeout]) : timeout, connectionId: call.connectionId });
  } catch (error) {
    if (error instanceof NodeError) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new NodeError(`${where} failed: ${timeout.aborted ? `timed out after ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message)}`);
  }
  const answer: ConnectorResponse = { status: response.status, headers: Object.fromEntries(response.headers), body: await readBody(response) };
  const problem = connector.errorOf?.(answer);
  if (!response.ok || problem) {
    throw new NodeError(`${where} answered ${response.status}${problem ? `: ${problem.message}` : ""}`, {
      retriable: problem?.retriable ?? (response.ok ? false : isRetriableStatus(response.status)),
      retryAfterMs: problem?.retryAfterMs ?? retryAfterMs(response.headers.get("retry-after")),
      details: { response: answer },
    });
  }
  return answer;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
