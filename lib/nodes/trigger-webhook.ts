import { Webhook } from "lucide-react";
import { z } from "zod";
import { defineNode } from "./types";

/** The longest dedup window a webhook trigger may set (retention keeps webhook dedup keys this long). */
export const MAX_DEDUP_WINDOW_HOURS = 720;

export const WEBHOOK_METHODS = ["POST", "PUT", "PATCH", "GET", "DELETE"] as const;
export const SIGNATURE_SCHEMES = ["none", "hmac", "stripe", "github", "shopify", "slack", "trello", "hubspot", "zendesk", "twilio", "airtable", "sendgrid", "header", "basic"] as const;

/** A header name: no templates, since the webhook config is read when a request arrives, not during a run. */
const headerName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]*$/, "Letters, digits and dashes, e.g. X-Signature");

const signatureSchema = z
  .object({
    scheme: z.enum(SIGNATURE_SCHEMES).default("none").meta({
      title: "Verification",
      description: "none, a generic HMAC, a provider's scheme (Stripe, GitHub, Shopify, Slack, Trello, HubSpot v3, Zendesk, Twilio, Airtable, SendGrid), a static secret header, or HTTP Basic auth whose password is the secret (any user name).",
    }),
    secret: z
      .string()
      .optional()
      .meta({ title: "Signing secret", description: "Stored encrypted. For SendGrid: the signed Event Webhook's verification key (public key).", widget: "secret", showWhen: { scheme: ["hmac", "stripe", "github", "shopify", "slack", "trello", "hubspot", "zendesk", "twilio", "airtable", "sendgrid", "header", "basic"] } }),
    header: headerName.optional().meta({ title: "Header", description: "Header that carries the signature (or the secret).", placeholder: "X-Signature", showWhen: { scheme: ["hmac", "header"] } }),
    algorithm: z.enum(["sha256", "sha1"]).default("sha256").meta({ title: "Algorithm", showWhen: { scheme: ["hmac"] } }),
    encoding: z.enum(["hex", "base64"]).default("hex").meta({ title: "Encoding", showWhen: { scheme: ["hmac"] } }),
    prefix: z
      .string()
      .regex(/^[^{}\s]*$/, "No spaces or braces")
      .optional()
      .meta({ title: "Prefix", description: 'Text before the digest, e.g. "sha256=".', showWhen: { scheme: ["hmac"] } }),
    toleranceSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(300)
      .meta({ title: "Timestamp tolerance (s)", description: "Older or newer signed timestamps are refused.", showWhen: { scheme: ["stripe", "slack", "hubspot", "zendesk", "sendgrid"] } }),
  })
  .superRefine((value, ctx) => {
    if (value.scheme !== "none" && !value.secret) ctx.addIssue({ code: "custom", path: ["secret"], message: "Enter the signing secret" });
    if ((value.scheme === "hmac" || value.scheme === "header") && !value.header) ctx.addIssue({ code: "custom", path: ["header"], message: "Name the header" });
  });

const dedupSchema = z
  .object({
    source: z.enum(["none", "header", "expression"]).default("none").meta({
      title: "Deduplicate by",
      description: "A repeat of the same key within the window answers 200 with the first run and starts nothing.",
    }),
    header: headerName.optional().meta({ title: "Key header", placeholder: "Idempotency-Key", showWhen: { source: ["header"] } }),
    expression: z
      .string()
      .optional()
      .meta({ title: "Key expression", description: "JSONata over { method, headers, query, body }, e.g. body.id.", widget: "jsonata", showWhen: { source: ["expression"] } }),
    windowHours: z.number().min(0.01).max(MAX_DEDUP_WINDOW_HOURS).default(24).meta({ title: "Window (hours)", showWhen: { source: ["header", "expression"] } }),
  })
  .superRefine((value, ctx) => {
    if (value.source === "header" && !value.header) ctx.addIssue({ code: "custom", path: ["header"], message: "Name the header" });
    if (value.source === "expression" && !value.expression?.trim()) ctx.addIssue({ code: "custom", path: ["expression"], message: "Enter an expression" });
  });

const responseSchema = z.object({
  mode: z.enum(["immediate", "respond"]).default("immediate").meta({
    title: "Response",
    description: "immediate: 202 { runId } once stored. respond: the run's Respond node sets the answer.",
  }),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(10_000)
    .meta({ title: "Wait for the response (ms)", description: "Then answer 202 { runId }.", showWhen: { mode: ["respond"] } }),
});

export const webhookConfigSchema = z.object({
  methods: z.array(z.enum(WEBHOOK_METHODS)).min(1, "Allow at least one method").default(["POST"]).meta({ title: "Methods", widget: "multiselect" }),
  signature: signatureSchema.default({ scheme: "none", algorithm: "sha256", encoding: "hex", toleranceSeconds: 300 }).meta({ title: "Signature" }),
  dedup: dedupSchema.default({ source: "none", windowHours: 24 }).meta({ title: "Deduplication" }),
  response: responseSchema.default({ mode: "immediate", timeoutMs: 10_000 }).meta({ title: "Response" }),
  maxBodyBytes: z.number().int().min(1).max(50 * 1024 * 1024).default(1024 * 1024).meta({ title: "Body size limit (bytes)", description: "Larger bodies get 413." }),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional().meta({ title: "Rate limit (per minute)", description: "Requests above it get 429 with Retry-After.", placeholder: "Unlimited" }),
});

export type WebhookConfig = z.output<typeof webhookConfigSchema>;

/** Output: `{ method, headers, query, body }` of the request that called the workflow's URL. */
export const webhookTrigger = defineNode({
  type: "trigger.webhook",
  kind: "step",
  category: "trigger",
  label: "Webhook",
  description: "Start the workflow when another system calls its URL.",
  icon: Webhook,
  config: webhookConfigSchema,
  defaults: {},
  jsonataFields: ["dedup.expression"],
  async execute({ scope }) {
    return { output: scope.trigger };
  },
});
