import { hostname } from "node:os";
import amqp, { type ConsumeMessage } from "amqplib";
import type { Redis } from "ioredis";
import { AckPolicy, connect as natsConnect, DeliverPolicy, type ConsumerMessages, type NatsConnection } from "nats";
import { db } from "@/lib/db/client";
import { startRun } from "@/lib/runs/start";
import type { WorkflowDocument } from "@/lib/document/schema";
import { amqpOptions, assertHostsAllowed, CONNECT_TIMEOUT_MS, hostsOf, natsOptions, openRedis } from "./clients";
import { loadConnection, type LoadedConnection } from "./store";

/**
 * trigger.queue: in-process consumers for the active workflows whose trigger is a queue. Every
 * few seconds the set of such workflows is compared with the running consumers; changed ones
 * (new version, other connection, deactivated, deleted) are stopped and started again.
 *
 * A message is acknowledged only after its run is stored (startRun committed); its message id is
 * the run's idempotency key, so a redelivery (after a crash between storing and acknowledging)
 * starts no second run. A message whose run could not be stored is handed back to the broker.
 */

const RECONCILE_MS = 2000;
const RETRY_DELAY_MS = 5000;

interface Spec {
  workspaceId: string;
  workflowId: string;
  version: number;
  connectionId: string;
  source: string;
  subject?: string;
  group: string;
  prefetch: number;
}

interface Consumer {
  signature: string;
  stop(): Promise<void>;
  failed: boolean;
}

export interface QueueMessage {
  body: unknown;
  headers: Record<string, string>;
  messageId: string | null;
  source: string;
  redelivered: boolean;
}

const holder = globalThis as typeof globalThis & { __switchboardConsumers?: { timer: NodeJS.Timeout; running: Map<string, Consumer> } };

export function startQueueConsumers(): void {
  if (holder.__switchboardConsumers) return;
  const running = new Map<string, Consumer>();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await reconcile(running);
    } catch (error) {
      console.error("[queue] reconcile failed", (error as Error).message);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), RECONCILE_MS);
  timer.unref();
  holder.__switchboardConsumers = { timer, running };
  void tick();
}

/**
 * Stops every queue consumer and the reconcile timer.
 */
export async function stopQueueConsumers(): Promise<void> {
  const state = holder.__switchboardConsumers;
  if (!state) return;
  clearInterval(state.timer);
  holder.__switchboardConsumers = undefined;
  await Promise.all([...state.running.values()].map((c) => c.stop().catch(() => undefined)));
}

const documents = new Map<string, WorkflowDocument>();

async function desiredSpecs(): Promise<Spec[]> {
  const workflows = await db().workflow.findMany({ where: { active: true }, select: { id: true, workspaceId: true, version: true } });
  const specs: Spec[] = [];
  for (const wf of workflows) {
    const cacheKey = `${wf.id}@${wf.version}`;
    let document = documents.get(cacheKey);
    if (!document) {
      const row = await db().workflow.findUnique({ where: { id: wf.id }, select: { document: true } });
      if (!row) continue;
      document = row.document as unknown as WorkflowDocument;
      documents.set(cacheKey, document);
    }
    const trigger = document.nodes.find((n) => n.type === "trigger.queue");
    if (!trigger) continue;
    const config = trigger.config;
    if (typeof config.connectionId !== "string" || typeof config.source !== "string" || !config.connectionId || !config.source) continue;
    specs.push({
      workspaceId: wf.workspaceId,
      workflowId: wf.id,
      version: wf.version,
      connectionId: config.connectionId,
      source: config.source,
      subject: typeof config.subject === "string" && config.subject ? config.subject : undefined,
      group: typeof config.group === "string" && config.group ? config.group : `switchboard-${wf.id}`,
      prefetch: typeof config.prefetch === "number" ? config.prefetch : 10,
    });
  }
  return specs;
}

async function reconcile(running: Map<string, Consumer>) {
  const specs = await desiredSpecs();
  const wanted = new Map<string, { spec: Spec; connection: LoadedConnection | null }>();
  for (const spec of specs) {
    const connection = await loadConnection(spec.workspaceId, spec.connectionId).catch(() => null);
    wanted.set(spec.workflowId, { spec, connection });
  }
  for (const [workflowId, consumer] of running) {
    const want = wanted.get(workflowId);
    if (!want || !want.connection || consumer.failed || consumer.signature !== signature(want.spec, want.connection)) {
      running.delete(workflowId);
      await consumer.stop().catch(() => undefined);
    }
  }
  for (const [workflowId, { spec, connection }] of wanted) {
    if (running.has(workflowId) || !connection) continue;
    try {
      running.set(workflowId, await startConsumer(spec, connection));
    } catch (error) {
      console.error(`[queue] could not consume ${spec.source} for workflow ${workflowId}: ${(error as Error).message}`);
    }
  }
}

function signature(spec: Spec, connection: LoadedConnection): string {
  return JSON.stringify([spec, connection.updatedAt.getTime()]);
}

/** Stores the run for a message (once per message id); resolves when it is safe to acknowledge. */
async function deliver(spec: Spec, message: QueueMessage, key: string | null): Promise<void> {
  await startRun({ workspaceId: spec.workspaceId, workflowId: spec.workflowId, workflowVersion: spec.version, triggerKind: "queue", trigger: message, ...(key ? { idempotencyKey: `queue:${key}` } : {}) });
}

function parseBody(content: Buffer | Uint8Array | string, contentType?: string): unknown {
  const text = typeof content === "string" ? content : Buffer.from(content).toString("utf8");
  if (!contentType || contentType.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

async function startConsumer(spec: Spec, connection: LoadedConnection): Promise<Consumer> {
  await assertHostsAllowed(hostsOf(connection));
  const consumer: Consumer = { signature: signature(spec, connection), failed: false, stop: async () => undefined };
  switch (connection.type) {
    case "amqp":
      consumer.stop = await consumeAmqp(spec, connection, consumer);
      break;
    case "nats":
      consumer.stop = await consumeNats(spec, connection, consumer);
      break;
    case "redis":
      consumer.stop = await consumeRedis(spec, connection, consumer);
      break;
    default:
      throw new Error(`A ${connection.type} connection cannot be consumed`);
  }
  return consumer;
}

async function consumeAmqp(spec: Spec, connection: LoadedConnection, consumer: Consumer): Promise<() => Promise<void>> {
  const model = await amqp.connect(amqpOptions(connection), { timeout: CONNECT_TIMEOUT_MS });
  const channel = await model.createChannel();
  const fail = () => (consumer.failed = true);
  model.on("close", fail);
  model.on("error", fail);
  channel.on("error", fail);
  channel.on("close", fail);
  await channel.prefetch(spec.prefetch);
  await channel.checkQueue(spec.source);
  const { consumerTag } = await channel.consume(
    spec.source,
    (msg: ConsumeMessage | null) => {
      if (!msg) return fail(); // cancelled by the broker (queue deleted)
      const headers = Object.fromEntries(Object.entries(msg.properties.headers ?? {}).map(([k, v]) => [k, String(v)]));
      const messageId = msg.properties.messageId ? String(msg.properties.messageId) : null;
      const message: QueueMessage = { body: parseBody(msg.content, msg.properties.contentType as string | undefined), headers, messageId, source: spec.source, redelivered: msg.fields.redelivered };
      deliver(spec, message, messageId ? `amqp:${spec.source}:${messageId}` : null).then(
        () => channel.ack(msg),
        (error) => {
          console.error(`[queue] run for a message of ${spec.source} not stored, handing it back: ${(error as Error).message}`);
          setTimeout(() => {
            try {
              channel.nack(msg, false, true);
            } catch {
              // channel closed: the broker redelivers anyway
            }
          }, RETRY_DELAY_MS).unref();
        },
      );
    },
    { noAck: false },
  );
  return async () => {
    model.removeListener("close", fail);
    await channel.cancel(consumerTag).catch(() => undefined);
    await model.close().catch(() => undefined);
  };
}

async function consumeNats(spec: Spec, connection: LoadedConnection, consumer: Consumer): Promise<() => Promise<void>> {
  const nc: NatsConnection = await natsConnect(natsOptions(connection));
  const jsm = await nc.jetstreamManager();
  const durable = spec.group;
  try {
    await jsm.consumers.info(spec.source, durable);
  } catch {
    await jsm.consumers.add(spec.source, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      ack_wait: 60_000_000_000,
      ...(spec.subject ? { filter_subject: spec.subject } : {}),
    });
  }
  const js = nc.jetstream();
  const stream = await js.consumers.get(spec.source, durable);
  let messages: ConsumerMessages | null = await stream.consume({ max_messages: spec.prefetch });
  void (async () => {
    try {
      for await (const m of messages) {
        const headers: Record<string, string> = {};
        for (const [key, values] of m.headers ?? []) headers[key] = values.join(", ");
        const messageId = m.headers?.get("Nats-Msg-Id") || null;
        const message: QueueMessage = { body: parseBody(m.data, m.headers?.get("content-type")), headers, messageId, source: m.subject, redelivered: m.redelivered };
        try {
          await deliver(spec, message, `nats:${spec.source}:${messageId ?? m.seq}`);
          m.ack();
        } catch (error) {
          console.error(`[queue] run for a message of ${spec.source} not stored, handing it back: ${(error as Error).message}`);
          m.nak(RETRY_DELAY_MS);
        }
      }
    } catch (error) {
      console.error(`[queue] NATS consumer ${durable} stopped: ${(error as Error).message}`);
    }
    consumer.failed = messages !== null;
  })();
  void nc.closed().then(() => (consumer.failed = true));
  return async () => {
    const current = messages;
    messages = null;
    await current?.close().catch(() => undefined);
    await nc.close().catch(() => undefined);
  };
}

async function consumeRedis(spec: Spec, connection: LoadedConnection, consumer: Consumer): Promise<() => Promise<void>> {
  const client: Redis = await openRedis(connection);
  const group = spec.group;
  const name = `${hostname()}-${process.pid}`;
  try {
    await client.xgroup("CREATE", spec.source, group, "$", "MKSTREAM");
  } catch (error) {
    if (!String((error as Error).message).includes("BUSYGROUP")) throw error;
  }
  let stopped = false;
  const handle = async (entries: [string, string[]][]) => {
    for (const [id, fields] of entries) {
      if (stopped) return;
      if (!fields) {
        await client.xack(spec.source, group, id); // deleted entry
        continue;
      }
      const map: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) map[fields[i]] = fields[i + 1];
      const headers = Object.fromEntries(Object.entries(map).filter(([k]) => k.startsWith("header:")).map(([k, v]) => [k.slice(7), v]));
      const body = "data" in map ? parseBody(map.data, map.contentType) : map;
      const message: QueueMessage = { body, headers, messageId: map.messageId ?? id, source: spec.source, redelivered: false };
      try {
        await deliver(spec, message, `redis:${spec.source}:${id}`);
        await client.xack(spec.source, group, id);
      } catch (error) {
        console.error(`[queue] run for entry ${id} of ${spec.source} not stored; it stays pending: ${(error as Error).message}`);
      }
    }
  };
  void (async () => {
    let lastClaim = 0;
    while (!stopped) {
      try {
        if (Date.now() - lastClaim > 30_000) {
          lastClaim = Date.now();
          // Entries another (dead) consumer took but never acknowledged.
          const claimed = (await client.xautoclaim(spec.source, group, name, 60_000, "0-0", "COUNT", spec.prefetch)) as [string, [string, string[]][]];
          if (claimed?.[1]?.length) await handle(claimed[1]);
        }
        const result = (await client.xreadgroup("GROUP", group, name, "COUNT", spec.prefetch, "BLOCK", 2000, "STREAMS", spec.source, ">")) as [string, [string, string[]][]][] | null;
        if (result) for (const [, entries] of result) await handle(entries);
      } catch (error) {
        if (stopped) break;
        console.error(`[queue] Redis consumer ${group} on ${spec.source}: ${(error as Error).message}`);
        consumer.failed = true;
        break;
      }
    }
  })();
  return async () => {
    stopped = true;
    client.disconnect();
  };
}
