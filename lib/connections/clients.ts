import { randomUUID } from "node:crypto";
import amqp, { type ChannelModel, type ConfirmChannel } from "amqplib";
import { Redis } from "ioredis";
import { connect as natsConnect, headers as natsHeaders, type NatsConnection } from "nats";
import nodemailer from "nodemailer";
import type { EmailRequest } from "@/lib/nodes/types";
import { resolveAllowed } from "@/lib/outbound/ssrf";
import { closeDatabasePools } from "./databases";
import type { LoadedConnection } from "./store";

/**
 * Clients for the non-HTTP connection types: SMTP (nodemailer), RabbitMQ (amqplib), NATS
 * JetStream (nats) and Redis streams (ioredis). Broker clients are kept open per connection
 * (and its version) and reused by every run; they pass the SSRF guard before connecting and have
 * connect timeouts.
 */

export const CONNECT_TIMEOUT_MS = 10_000;

/** Checks every host of a connection against the SSRF guard before any socket is opened. */
export async function assertHostsAllowed(hosts: string[]): Promise<void> {
  for (const host of hosts) await resolveAllowed(host);
}

function natsServers(connection: LoadedConnection): string[] {
  return String(connection.config.servers ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function hostsOf(connection: LoadedConnection): string[] {
  if (connection.type === "nats") return natsServers(connection).map((s) => s.replace(/^\w+:\/\//, "").replace(/:\d+$/, ""));
  return [String(connection.config.host ?? "")];
}

// ---- pooled broker clients ---------------------------------------------------------------------

interface Pooled<T> {
  version: number;
  client: Promise<T>;
}
const pools = {
  amqp: new Map<string, Pooled<{ model: ChannelModel; channel: ConfirmChannel }>>(),
  nats: new Map<string, Pooled<NatsConnection>>(),
  redis: new Map<string, Pooled<Redis>>(),
};

function pooled<T>(pool: Map<string, Pooled<T>>, connection: LoadedConnection, open: () => Promise<T>, close: (client: T) => void): Promise<T> {
  const version = connection.updatedAt.getTime();
  const existing = pool.get(connection.id);
  if (existing && existing.version === version) return existing.client;
  if (existing) void existing.client.then(close, () => undefined);
  const client = open();
  pool.set(connection.id, { version, client });
  client.catch(() => pool.delete(connection.id));
  return client;
}

function drop<T>(pool: Map<string, Pooled<T>>, id: string, client: Promise<T>) {
  if (pool.get(id)?.client === client) pool.delete(id);
}

export function amqpOptions(connection: LoadedConnection) {
  const { config, secrets } = connection;
  return {
    protocol: config.tls ? "amqps" : "amqp",
    hostname: String(config.host),
    port: Number(config.port ?? 5672),
    vhost: String(config.vhost ?? "/"),
    username: String(config.username ?? "guest"),
    password: secrets.password ?? (config.username ? "" : "guest"),
    heartbeat: 30,
  };
}

export async function amqpClient(connection: LoadedConnection): Promise<{ model: ChannelModel; channel: ConfirmChannel }> {
  const promise = pooled(
    pools.amqp,
    connection,
    async () => {
      await assertHostsAllowed(hostsOf(connection));
      const model = await amqp.connect(amqpOptions(connection), { timeout: CONNECT_TIMEOUT_MS });
      const channel = await model.createConfirmChannel();
      const forget = () => drop(pools.amqp, connection.id, promise);
      model.on("close", forget);
      model.on("error", forget);
      channel.on("close", forget);
      channel.on("error", forget);
      return { model, channel };
    },
    ({ model }) => void model.close().catch(() => undefined),
  );
  return promise;
}

export function natsOptions(connection: LoadedConnection) {
  const { config, secrets } = connection;
  return {
    servers: natsServers(connection),
    ...(config.username ? { user: String(config.username), pass: secrets.password ?? "" } : {}),
    ...(secrets.token ? { token: secrets.token } : {}),
    ...(config.tls ? { tls: {} } : {}),
    timeout: CONNECT_TIMEOUT_MS,
    reconnect: true,
    maxReconnectAttempts: -1,
    name: `switchboard:${connection.id}`,
  };
}

export async function natsConnection(connection: LoadedConnection): Promise<NatsConnection> {
  const promise = pooled(
    pools.nats,
    connection,
    async () => {
      await assertHostsAllowed(hostsOf(connection));
      const nc = await natsConnect(natsOptions(connection));
      void nc.closed().then(() => drop(pools.nats, connection.id, promise));
      return nc;
    },
    (nc) => void nc.close().catch(() => undefined),
  );
  return promise;
}

export function redisOptions(connection: LoadedConnection) {
  const { config, secrets } = connection;
  return {
    host: String(config.host),
    port: Number(config.port ?? 6379),
    db: Number(config.db ?? 0),
    ...(config.username ? { username: String(config.username) } : {}),
    ...(secrets.password ? { password: secrets.password } : {}),
    ...(config.tls ? { tls: {} } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 2,
    lazyConnect: true,
  };
}

/** A new Redis client (connected); consumers need their own because of blocking reads. */
export async function openRedis(connection: LoadedConnection): Promise<Redis> {
  await assertHostsAllowed(hostsOf(connection));
  const client = new Redis(redisOptions(connection));
  client.on("error", () => undefined); // reported through the failing command instead
  await client.connect();
  return client;
}

export async function redisClient(connection: LoadedConnection): Promise<Redis> {
  const promise = pooled(
    pools.redis,
    connection,
    async () => {
      const client = await openRedis(connection);
      client.on("end", () => drop(pools.redis, connection.id, promise));
      return client;
    },
    (client) => client.disconnect(),
  );
  return promise;
}

// ---- publishing --------------------------------------------------------------------------------

export interface PublishInput {
  /** AMQP: the queue, or the routing key when an exchange is set. NATS: the subject. Redis: the stream key. */
  destination: string;
  exchange?: string;
  message: unknown;
  headers?: Record<string, string>;
  messageId?: string;
}

export interface PublishOutput {
  messageId: string;
  /** NATS: stream and sequence; Redis: the entry id. */
  stream?: string;
  sequence?: number;
  entryId?: string;
}

function encode(message: unknown): { body: Buffer; contentType: string } {
  return typeof message === "string" ? { body: Buffer.from(message), contentType: "text/plain" } : { body: Buffer.from(JSON.stringify(message ?? null)), contentType: "application/json" };
}

export async function publish(connection: LoadedConnection, input: PublishInput): Promise<PublishOutput> {
  const messageId = input.messageId || randomUUID();
  const { body, contentType } = encode(input.message);
  switch (connection.type) {
    case "amqp": {
      const { model, channel } = await amqpClient(connection);
      if (!input.exchange) await checkQueue(connection.id, model, input.destination);
      await new Promise<void>((resolve, reject) => {
        channel.publish(input.exchange ?? "", input.destination, body, { messageId, contentType, headers: input.headers, persistent: true, timestamp: Math.floor(Date.now() / 1000) }, (error: Error | null) =>
          error ? reject(new Error(`RabbitMQ did not confirm the message: ${error.message ?? error}`)) : resolve(),
        );
      });
      return { messageId };
    }
    case "nats": {
      const nc = await natsConnection(connection);
      const h = natsHeaders();
      for (const [key, value] of Object.entries(input.headers ?? {})) h.set(key, value);
      h.set("content-type", contentType);
      try {
        const ack = await nc.jetstream().publish(input.destination, body, { msgID: messageId, headers: h, timeout: CONNECT_TIMEOUT_MS });
        return { messageId, stream: ack.stream, sequence: ack.seq };
      } catch (error) {
        const message = (error as Error).message;
        if (/503|no responders/i.test(message)) throw new Error(`No JetStream stream stores subject "${input.destination}"; create one that covers it`, { cause: error });
        throw error;
      }
    }
    case "redis": {
      const client = await redisClient(connection);
      const fields = ["data", body.toString("utf8"), "messageId", messageId, "contentType", contentType];
      for (const [key, value] of Object.entries(input.headers ?? {})) fields.push(`header:${key}`, value);
      const entryId = await client.xadd(input.destination, "*", ...fields);
      return { messageId, entryId: entryId ?? undefined };
    }
    default:
      throw new Error(`A ${connection.type} connection cannot publish messages; choose a RabbitMQ, NATS or Redis connection`);
  }
}

const checkedQueues = new Map<string, number>();
async function checkQueue(connectionId: string, model: ChannelModel, queue: string) {
  const key = `${connectionId}:${queue}`;
  if ((checkedQueues.get(key) ?? 0) > Date.now()) return;
  // checkQueue closes the channel when the queue is missing: use a throwaway channel.
  const probe = await model.createChannel();
  probe.on("error", () => undefined);
  try {
    await probe.checkQueue(queue);
  } catch {
    throw new Error(`RabbitMQ has no queue "${queue}" (create it, or publish to an exchange)`);
  } finally {
    await probe.close().catch(() => undefined);
  }
  checkedQueues.set(key, Date.now() + 60_000);
}

// ---- e-mail ------------------------------------------------------------------------------------

/** An e-mail as the action.email node asks for it, without the connection and abort signal. */
export type EmailInput = Omit<EmailRequest, "connectionId" | "signal">;

export function smtpTransport(connection: LoadedConnection) {
  const { config, secrets } = connection;
  return nodemailer.createTransport({
    host: String(config.host),
    port: Number(config.port ?? 587),
    secure: Boolean(config.secure),
    ...(config.username ? { auth: { user: String(config.username), pass: secrets.password ?? "" } } : {}),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 60_000,
  });
}

export async function sendEmail(connection: LoadedConnection, input: EmailInput): Promise<{ messageId: string; accepted: string[]; rejected: string[] }> {
  if (connection.type !== "smtp") throw new Error(`A ${connection.type} connection cannot send e-mail; choose an SMTP connection`);
  const from = input.from || (connection.config.from as string | undefined);
  if (!from) throw new Error("Set a sender: the node's From field or the connection's default sender");
  await assertHostsAllowed(hostsOf(connection));
  const transport = smtpTransport(connection);
  try {
    const info = await transport.sendMail({ ...input, from });
    const list = (v: unknown) => (Array.isArray(v) ? v.map((a) => (typeof a === "string" ? a : (a as { address: string }).address)) : []);
    return { messageId: info.messageId, accepted: list(info.accepted), rejected: list(info.rejected) };
  } finally {
    transport.close();
  }
}

/**
 * Closes every pooled client (the runtime's stop, tests).
 */
export async function closeClients(): Promise<void> {
  const all = [...pools.amqp.values(), ...pools.nats.values(), ...pools.redis.values()];
  pools.amqp.clear();
  pools.nats.clear();
  pools.redis.clear();
  await closeDatabasePools();
  await Promise.all(
    all.map(async ({ client }) => {
      const c = (await client.catch(() => null)) as unknown;
      if (!c) return;
      if ((c as { model?: ChannelModel }).model) await (c as { model: ChannelModel }).model.close().catch(() => undefined);
      else if ((c as NatsConnection).drain) await (c as NatsConnection).close().catch(() => undefined);
      else (c as Redis).disconnect();
    }),
  );
}
