import { BadgeCheck, Database, KeyRound, LogIn, Mail, Rabbit, Signature, Sparkles, Ticket, UserRound, Zap, type LucideIcon } from "lucide-react";
import { z } from "zod";

/**
 * Connection types: what each one stores (non-secret config and secret fields), shared by the
 * API (validation), the Connections page (the per-type form) and the server code that uses them.
 * Browser-safe: no crypto, no network.
 */
export const CONNECTION_TYPES = ["apiKey", "bearer", "basic", "oauth2", "oauth2Code", "hmac", "smtp", "amqp", "nats", "redis", "aiModel", "postgres", "mysql"] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

/** Connection types that authenticate HTTP requests (usable by action.http). */
export const HTTP_CONNECTION_TYPES: ConnectionType[] = ["apiKey", "bearer", "basic", "oauth2", "oauth2Code", "hmac", "aiModel"];
export const QUEUE_CONNECTION_TYPES: ConnectionType[] = ["amqp", "nats", "redis"];

export interface ConnectionFieldSpec {
  key: string;
  label: string;
  kind: "text" | "url" | "number" | "boolean" | "enum" | "secret";
  /** A number with decimals (a price) rather than a whole number such as a port. */
  decimal?: boolean;
  required?: boolean;
  placeholder?: string;
  help?: string;
  options?: { value: string; label: string }[];
  default?: string | number | boolean;
  /** Shown only while another field of the form holds one of these values. */
  showWhen?: { field: string; values: string[] };
}

export interface ConnectionTypeSpec {
  type: ConnectionType;
  label: string;
  description: string;
  icon: LucideIcon;
  group: "HTTP authentication" | "Email" | "Messaging" | "AI" | "Databases";
  fields: ConnectionFieldSpec[];
}

/** Where app connector nodes (lib/connectors/) send requests instead of the app's public API. */
const baseUrl: ConnectionFieldSpec = {
  key: "baseUrl",
  label: "API base URL",
  kind: "url",
  placeholder: "https://api.example.com",
  help: "Only for app nodes (Slack, Stripe, Shopify, Salesforce…): call this address instead of the app's own API, e.g. your shop's or org's own API address, a regional endpoint, GitHub Enterprise, a proxy or a test server. Empty: the app's API.",
};

const testUrl: ConnectionFieldSpec = {
  key: "testUrl",
  label: "Test URL",
  kind: "url",
  placeholder: "https://api.example.com/v1/me",
  help: "“Test connection” calls this URL (GET) with the credentials and expects a 2xx answer.",
};

export const CONNECTION_TYPE_SPECS: Record<ConnectionType, ConnectionTypeSpec> = {
  apiKey: {
    type: "apiKey",
    label: "API key",
    description: "A key sent in a header or a query parameter.",
    icon: KeyRound,
    group: "HTTP authentication",
    fields: [
      {
        key: "in",
        label: "Send the key in",
        kind: "enum",
        required: true,
        default: "header",
        options: [
          { value: "header", label: "Header" },
          { value: "query", label: "Query parameter" },
          { value: "path", label: "The URL path, where it says {key}" },
          { value: "url", label: "The key is the whole URL (a webhook address)" },
        ],
      },
      { key: "name", label: "Header or parameter name", kind: "text", required: true, default: "X-API-Key", placeholder: "X-API-Key", showWhen: { field: "in", values: ["header", "query"] } },
      {
        showWhen: { field: "in", values: ["header", "query"] },
        key: "format",
        label: "Value format",
        kind: "text",
        placeholder: "{key}",
        help: "How the header or parameter value is written, with {key} where the key goes, e.g. “Bot {key}” for Discord. Empty: the key alone.",
      },
      { key: "key", label: "API key", kind: "secret", required: true, help: "For “the whole URL”: the webhook address itself (Teams); the request's own path and query are added to it." },
      testUrl,
      baseUrl,
    ],
  },
  bearer: {
    type: "bearer",
    label: "Bearer token",
    description: "Authorization: Bearer <token>.",
    icon: Ticket,
    group: "HTTP authentication",
    fields: [{ key: "token", label: "Token", kind: "secret", required: true }, testUrl, baseUrl],
  },
  basic: {
    type: "basic",
    label: "Basic auth",
    description: "A user name and password (HTTP Basic).",
    icon: UserRound,
    group: "HTTP authentication",
    fields: [
      { key: "username", label: "User name", kind: "text", required: true },
      { key: "password", label: "Password", kind: "secret", required: true },
      testUrl,
      baseUrl,
    ],
  },
  oauth2: {
    type: "oauth2",
    label: "OAuth2 client credentials",
    description: "A token fetched from the token URL, cached until it expires and fetched again.",
    icon: BadgeCheck,
    group: "HTTP authentication",
    fields: [
      { key: "tokenUrl", label: "Token URL", kind: "url", required: true, placeholder: "https://auth.example.com/oauth/token" },
      { key: "clientId", label: "Client ID", kind: "text", required: true },
      { key: "clientSecret", label: "Client secret", kind: "secret", required: true },
      { key: "scope", label: "Scope", kind: "text", placeholder: "read write" },
      { key: "audience", label: "Audience", kind: "text" },
      {
        key: "authStyle",
        label: "Send client credentials",
        kind: "enum",
        default: "header",
        options: [
          { value: "header", label: "In a Basic auth header" },
          { value: "body", label: "In the form body" },
        ],
      },
      { ...testUrl, help: "Optional: after fetching a token, “Test connection” also calls this URL with it." },
    ],
  },
  oauth2Code: {
    type: "oauth2Code",
    label: "OAuth2 (sign in to the app)",
    description: "You sign in to the app and allow access; the tokens are stored encrypted and refreshed before they expire.",
    icon: LogIn,
    group: "HTTP authentication",
    fields: [
      { key: "authorizeUrl", label: "Authorization URL", kind: "url", required: true, placeholder: "https://auth.example.com/oauth/authorize" },
      { key: "tokenUrl", label: "Token URL", kind: "url", required: true, placeholder: "https://auth.example.com/oauth/token" },
      { key: "clientId", label: "Client ID", kind: "text", required: true },
      { key: "clientSecret", label: "Client secret", kind: "secret", help: "Empty for a public client (PKCE only)." },
      { key: "scope", label: "Scope", kind: "text", placeholder: "read write offline_access" },
      {
        key: "authorizeParams",
        label: "Extra authorization parameters",
        kind: "text",
        placeholder: "access_type=offline&prompt=consent",
        help: "Added to the sign-in address, as some apps need (Google: access_type=offline&prompt=consent for a refresh token).",
      },
      {
        key: "authStyle",
        label: "Send client credentials",
        kind: "enum",
        default: "body",
        options: [
          { value: "body", label: "In the form body" },
          { value: "header", label: "In a Basic auth header" },
        ],
      },
      testUrl,
      baseUrl,
    ],
  },
  hmac: {
    type: "hmac",
    label: "HMAC signature",
    description: "Signs each request body with a shared secret (webhook-style signatures).",
    icon: Signature,
    group: "HTTP authentication",
    fields: [
      { key: "header", label: "Signature header", kind: "text", required: true, default: "X-Signature" },
      {
        key: "algorithm",
        label: "Algorithm",
        kind: "enum",
        default: "sha256",
        options: [
          { value: "sha256", label: "HMAC-SHA256" },
          { value: "sha512", label: "HMAC-SHA512" },
          { value: "sha1", label: "HMAC-SHA1" },
        ],
      },
      {
        key: "encoding",
        label: "Encoding",
        kind: "enum",
        default: "hex",
        options: [
          { value: "hex", label: "Hex" },
          { value: "base64", label: "Base64" },
        ],
      },
      { key: "prefix", label: "Prefix", kind: "text", placeholder: "sha256=", help: "Put before the signature, e.g. “sha256=”." },
      {
        key: "timestampHeader",
        label: "Timestamp header",
        kind: "text",
        placeholder: "X-Timestamp",
        help: "When set, the Unix time is sent in this header and signed as “<timestamp>.<body>”.",
      },
      { key: "secret", label: "Signing secret", kind: "secret", required: true },
      testUrl,
    ],
  },
  smtp: {
    type: "smtp",
    label: "SMTP",
    description: "An e-mail server for action.email.",
    icon: Mail,
    group: "Email",
    fields: [
      { key: "host", label: "Host", kind: "text", required: true, placeholder: "smtp.example.com" },
      { key: "port", label: "Port", kind: "number", required: true, default: 587 },
      { key: "secure", label: "TLS from the start (port 465)", kind: "boolean", default: false, help: "Off: STARTTLS when the server offers it." },
      { key: "username", label: "User name", kind: "text" },
      { key: "password", label: "Password", kind: "secret" },
      { key: "from", label: "Default sender", kind: "text", placeholder: "Switchboard <bot@example.com>" },
    ],
  },
  amqp: {
    type: "amqp",
    label: "RabbitMQ (AMQP)",
    description: "Publish to exchanges and queues, consume queues.",
    icon: Rabbit,
    group: "Messaging",
    fields: [
      { key: "host", label: "Host", kind: "text", required: true, placeholder: "rabbitmq.example.com" },
      { key: "port", label: "Port", kind: "number", required: true, default: 5672 },
      { key: "vhost", label: "Virtual host", kind: "text", default: "/" },
      { key: "username", label: "User name", kind: "text", placeholder: "guest", help: "Empty: guest." },
      { key: "password", label: "Password", kind: "secret", help: "Empty: guest." },
      { key: "tls", label: "TLS (amqps)", kind: "boolean", default: false },
    ],
  },
  nats: {
    type: "nats",
    label: "NATS JetStream",
    description: "Publish to subjects, consume with durable JetStream consumers.",
    icon: Zap,
    group: "Messaging",
    fields: [
      { key: "servers", label: "Servers", kind: "text", required: true, placeholder: "nats.example.com:4222", help: "Comma-separated host:port list." },
      { key: "username", label: "User name", kind: "text" },
      { key: "password", label: "Password", kind: "secret" },
      { key: "token", label: "Token", kind: "secret", help: "Instead of a user name and password." },
      { key: "tls", label: "TLS", kind: "boolean", default: false },
    ],
  },
  redis: {
    type: "redis",
    label: "Redis streams",
    description: "Add to streams, consume with consumer groups.",
    icon: Database,
    group: "Messaging",
    fields: [
      { key: "host", label: "Host", kind: "text", required: true, placeholder: "redis.example.com" },
      { key: "port", label: "Port", kind: "number", required: true, default: 6379 },
      { key: "db", label: "Database", kind: "number", default: 0 },
      { key: "username", label: "User name", kind: "text" },
      { key: "password", label: "Password", kind: "secret" },
      { key: "tls", label: "TLS", kind: "boolean", default: false },
    ],
  },
  aiModel: {
    type: "aiModel",
    label: "AI model",
    description: "A chat model for the AI model node: OpenAI-compatible APIs, Azure OpenAI or Anthropic.",
    icon: Sparkles,
    group: "AI",
    fields: [
      {
        key: "provider",
        label: "API",
        kind: "enum",
        required: true,
        default: "openai",
        options: [
          { value: "openai", label: "OpenAI-compatible (OpenAI, OpenRouter, Ollama, vLLM, LM Studio)" },
          { value: "azure", label: "Azure OpenAI" },
          { value: "anthropic", label: "Anthropic Messages" },
        ],
      },
      {
        key: "baseUrl",
        label: "Base URL",
        kind: "url",
        required: true,
        default: "https://api.openai.com/v1",
        help: "Where /chat/completions (or Anthropic's /messages) lives: https://api.anthropic.com/v1, https://openrouter.ai/api/v1, http://localhost:11434/v1 for Ollama (allow it in OUTBOUND_ALLOWLIST), https://<resource>.openai.azure.com/openai/v1 for Azure.",
      },
      { key: "apiKey", label: "API key", kind: "secret", help: "Empty for local servers that need none (Ollama, LM Studio)." },
      { key: "model", label: "Default model", kind: "text", required: true, placeholder: "gpt-4.1-mini", help: "Nodes can name another." },
      { key: "inputPrice", label: "Price per million input tokens (USD)", kind: "number", decimal: true, help: "Optional: turns token counts into cost on runs and the dashboard." },
      { key: "outputPrice", label: "Price per million output tokens (USD)", kind: "number", decimal: true },
    ],
  },
  postgres: {
    type: "postgres",
    label: "PostgreSQL",
    description: "A PostgreSQL database for the PostgreSQL node.",
    icon: Database,
    group: "Databases",
    fields: [
      { key: "host", label: "Host", kind: "text", required: true, placeholder: "db.example.com", help: "Private and local addresses are refused unless OUTBOUND_ALLOWLIST allows them." },
      { key: "port", label: "Port", kind: "number", required: true, default: 5432 },
      { key: "database", label: "Database", kind: "text", required: true, placeholder: "app" },
      { key: "username", label: "User name", kind: "text", required: true },
      { key: "password", label: "Password", kind: "secret" },
      { key: "ssl", label: "TLS", kind: "boolean", default: false, help: "Verifies the server's certificate against the host name." },
    ],
  },
  mysql: {
    type: "mysql",
    label: "MySQL / MariaDB",
    description: "A MySQL or MariaDB database for the MySQL node.",
    icon: Database,
    group: "Databases",
    fields: [
      { key: "host", label: "Host", kind: "text", required: true, placeholder: "db.example.com", help: "Private and local addresses are refused unless OUTBOUND_ALLOWLIST allows them." },
      { key: "port", label: "Port", kind: "number", required: true, default: 3306 },
      { key: "database", label: "Database", kind: "text", required: true, placeholder: "app" },
      { key: "username", label: "User name", kind: "text", required: true },
      { key: "password", label: "Password", kind: "secret" },
      { key: "ssl", label: "TLS", kind: "boolean", default: false, help: "Verifies the server's certificate against the host name." },
    ],
  },
};

/** Rate limit of a connection: at most `requests` per second or minute (a token bucket without bursts). */
export const rateLimitSchema = z
  .object({
    requests: z.number().int().min(1).max(100_000),
    per: z.enum(["second", "minute"]).default("second"),
  })
  .strict();

/** Circuit breaker settings; the defaults apply to connections that set none. */
export const breakerSettingsSchema = z
  .object({
    failureThreshold: z.number().int().min(1).max(1000).default(5),
    errorRatePercent: z.number().int().min(1).max(100).default(50),
    windowSeconds: z.number().int().min(1).max(3600).default(60),
    minimumCalls: z.number().int().min(1).max(10_000).default(10),
    cooldownSeconds: z.number().int().min(1).max(86_400).default(30),
  })
  .strict();
export type BreakerSettings = z.output<typeof breakerSettingsSchema>;
export type RateLimit = z.output<typeof rateLimitSchema>;

function fieldSchema(field: ConnectionFieldSpec): z.ZodType {
  let schema: z.ZodType;
  switch (field.kind) {
    case "number":
      schema = field.decimal
        ? z.number({ error: `${field.label} must be a number` }).min(0).max(1_000_000)
        : z.number({ error: `${field.label} must be a number` }).int().min(0).max(65_535);
      break;
    case "boolean":
      schema = z.boolean();
      break;
    case "enum":
      schema = z.enum(field.options!.map((o) => o.value) as [string, ...string[]]);
      break;
    case "url":
      schema = z.string({ error: `Enter ${field.label.toLowerCase()}` }).trim().regex(/^https?:\/\/[^\s]+$/i, "Use an http:// or https:// URL");
      break;
    default:
      schema = z
        .string({ error: `Enter ${field.label.toLowerCase()}` })
        .trim()
        .min(1, `Enter ${field.label.toLowerCase()}`)
        .max(field.kind === "secret" ? 10_000 : 2000);
  }
  if (field.default !== undefined) return schema.default(field.default as never);
  return field.required ? schema : schema.optional();
}

const schemaCache = new Map<string, { config: z.ZodType; secrets: z.ZodType }>();

/** The zod schemas of a type's config (non-secret fields plus rate limit and breaker settings) and secrets. */
export function connectionSchemas(type: ConnectionType): { config: z.ZodType<Record<string, unknown>>; secrets: z.ZodType<Record<string, string>> } {
  let cached = schemaCache.get(type);
  if (!cached) {
    const spec = CONNECTION_TYPE_SPECS[type];
    const plain = spec.fields.filter((f) => f.kind !== "secret");
    const secret = spec.fields.filter((f) => f.kind === "secret");
    cached = {
      config: z
        .object({
          ...Object.fromEntries(plain.map((f) => [f.key, fieldSchema(f)])),
          rateLimit: rateLimitSchema.optional(),
          breaker: breakerSettingsSchema.partial().optional(),
        })
        .strict(),
      secrets: z.object(Object.fromEntries(secret.map((f) => [f.key, fieldSchema(f)]))).strict(),
    };
    schemaCache.set(type, cached);
  }
  return cached as never;
}

export function secretFieldKeys(type: ConnectionType): string[] {
  return CONNECTION_TYPE_SPECS[type].fields.filter((f) => f.kind === "secret").map((f) => f.key);
}

export function isConnectionType(value: unknown): value is ConnectionType {
  return typeof value === "string" && (CONNECTION_TYPES as readonly string[]).includes(value);
}

/** What clients see of a connection (GET /api/connections). Secrets are masked hints only. */
export interface ConnectionView {
  id: string;
  name: string;
  type: ConnectionType;
  config: Record<string, unknown>;
  /** `$secret:••••abcd` per stored secret field; absent fields are not set. */
  secrets: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  lastTest: { at: string; ok: boolean; message: string | null } | null;
  breaker: BreakerView;
  /** OAuth2 authorization code connections only: whether the app is connected, and until when its token runs. */
  authorization?: AuthorizationView;
}

export interface AuthorizationView {
  state: "not_connected" | "connected" | "needs_reconnect";
  /** When the current access token expires (it is refreshed shortly before); null when not connected or the app gave no expiry. */
  expiresAt: string | null;
  /** Why it needs reconnecting: the app's answer to the refresh. */
  message: string | null;
}

export interface BreakerView {
  state: "closed" | "open" | "half_open";
  failures: number;
  openUntil: string | null;
  lastError: string | null;
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  durationMs: number;
}
