import { randomBytes } from "node:crypto";
import amqp from "amqplib";
import { Redis } from "ioredis";
import { connect as natsConnect, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, getRun, listRuns, startManualRun, step, waitForRun } from "../support/workflows";

/**
 * Queue nodes against the real brokers on 127.0.0.1 (RabbitMQ 5672 guest/guest, NATS JetStream
 * 4222, Redis 6379): action.queue-publish in one workflow, trigger.queue starting another.
 */

async function createConnection(server: TestServer, body: unknown): Promise<string> {
  const res = await server.api<{ id: string }>("/api/connections", { body });
  if (res.status !== 201) throw new Error(`connection: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function consumerPipeline(server: TestServer, connectionId: string, trigger: Record<string, unknown>, publish: Record<string, unknown>) {
  const consumer = await createWorkflow(
    server,
    chain("Consume", [
      { id: "in", type: "trigger.queue", config: { connectionId, ...trigger } },
      { id: "total", type: "transform.map", config: { expression: "trigger.body.qty * 10" } },
    ]),
  );
  const publisher = await createWorkflow(
    server,
    chain("Publish", [
      { id: "start", type: "trigger.manual", config: {} },
      { id: "send", type: "action.queue-publish", config: { connectionId, message: { orderId: "{{ trigger.id }}", qty: "{{ trigger.qty }}" }, headers: { source: "switchboard-test" }, ...publish } },
    ]),
  );
  return { consumer, publisher };
}

async function runsOf(server: TestServer, workflowId: string, count: number) {
  const runs = await waitFor(async () => {
    const list = await listRuns(server, workflowId);
    return list.length >= count ? list : undefined;
  }, { timeoutMs: 60_000, what: `${count} run(s) of ${workflowId}` });
  return Promise.all(runs.map((r) => waitForRun(server, r.id)));
}

describe.each(DATABASES)("queue nodes (%s)", (kind) => {
  let server: TestServer;
  const suffix = randomBytes(4).toString("hex");

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("RabbitMQ: publishes to a queue; the queue trigger starts one run per message and acknowledges it", async () => {
    const queue = `sb-test-${kind}-${suffix}`;
    const admin = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
    const channel = await admin.createChannel();
    await channel.assertQueue(queue, { durable: false, autoDelete: false });
    try {
      const connectionId = await createConnection(server, { name: "Rabbit", type: "amqp", config: { host: "127.0.0.1" } });
      const { consumer, publisher } = await consumerPipeline(server, connectionId, { source: queue }, { destination: queue });
      const published = await waitForRun(server, await startManualRun(server, publisher.id, { id: "A-1", qty: 3 }));
      expect(published.status).toBe("completed");
      expect(step(published, "send").output).toMatchObject({ destination: queue, messageId: `${published.id}:send` });

      const [run] = await runsOf(server, consumer.id, 1);
      expect(run.status).toBe("completed");
      expect(step(run, "in").output).toMatchObject({ body: { orderId: "A-1", qty: 3 }, headers: { source: "switchboard-test" }, messageId: `${published.id}:send`, source: queue });
      expect(step(run, "total").output).toBe(30);

      // The same message delivered again (same message id) starts no second run, and is acknowledged.
      for (let i = 0; i < 2; i++) channel.sendToQueue(queue, Buffer.from(JSON.stringify({ orderId: "B-1", qty: 1 })), { messageId: "dup-1", contentType: "application/json" });
      await runsOf(server, consumer.id, 2);
      await waitFor(async () => ((await channel.checkQueue(queue)).messageCount === 0 ? true : undefined), { timeoutMs: 20_000, what: "the queue to be drained" });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const runs = await listRuns(server, consumer.id);
      expect(runs).toHaveLength(2);
      expect(runs.every((r) => r.triggerKind === "queue")).toBe(true);
    } finally {
      await channel.deleteQueue(queue).catch(() => undefined);
      await admin.close();
    }
  });

  it("NATS JetStream: publishes to a subject; a durable consumer starts a run per message", async () => {
    const stream = `SBTEST_${kind}_${suffix}`.toUpperCase();
    const subject = `sbtest.${kind}.${suffix}.orders`;
    const nc: NatsConnection = await natsConnect({ servers: "127.0.0.1:4222" });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [`sbtest.${kind}.${suffix}.>`] });
    try {
      const connectionId = await createConnection(server, { name: "NATS", type: "nats", config: { servers: "127.0.0.1:4222" } });
      const { consumer, publisher } = await consumerPipeline(server, connectionId, { source: stream, subject: `sbtest.${kind}.${suffix}.>` }, { destination: subject });
      await waitFor(async () => (await jsm.consumers.info(stream, `switchboard-${consumer.id}`).then(() => true).catch(() => undefined)), { timeoutMs: 30_000, what: "the durable consumer" });
      const published = await waitForRun(server, await startManualRun(server, publisher.id, { id: "N-1", qty: 2 }));
      expect(published.status).toBe("completed");
      expect(step(published, "send").output).toMatchObject({ stream, sequence: 1 });
      const [run] = await runsOf(server, consumer.id, 1);
      expect(run.status).toBe("completed");
      expect(step(run, "in").output).toMatchObject({ body: { orderId: "N-1", qty: 2 }, source: subject, messageId: `${published.id}:send` });
      expect(step(run, "total").output).toBe(20);
      await waitFor(async () => ((await jsm.consumers.info(stream, `switchboard-${consumer.id}`)).num_ack_pending === 0 ? true : undefined), { timeoutMs: 20_000, what: "the ack" });
    } finally {
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
    }
  });

  it("Redis streams: adds to a stream; a consumer group starts a run per entry and acknowledges it", async () => {
    const key = `sbtest:${kind}:${suffix}`;
    const redis = new Redis({ host: "127.0.0.1", port: 6379 });
    try {
      const connectionId = await createConnection(server, { name: "Redis", type: "redis", config: { host: "127.0.0.1" } });
      const { consumer, publisher } = await consumerPipeline(server, connectionId, { source: key }, { destination: key });
      const group = `switchboard-${consumer.id}`;
      await waitFor(async () => ((await redis.exists(key)) && ((await redis.xinfo("GROUPS", key)) as unknown[]).length ? true : undefined), { timeoutMs: 30_000, what: "the consumer group" });
      const published = await waitForRun(server, await startManualRun(server, publisher.id, { id: "R-1", qty: 5 }));
      expect(published.status).toBe("completed");
      const entryId = (step(published, "send").output as { entryId: string }).entryId;
      expect(entryId).toMatch(/^\d+-\d+$/);
      const [run] = await runsOf(server, consumer.id, 1);
      expect(step(run, "in").output).toMatchObject({ body: { orderId: "R-1", qty: 5 }, headers: { source: "switchboard-test" }, source: key });
      expect(step(run, "total").output).toBe(50);
      await waitFor(async () => (((await redis.xpending(key, group)) as [number])[0] === 0 ? true : undefined), { timeoutMs: 20_000, what: "the ack" });
      expect((await getRun(server, run.id)).status).toBe("completed");
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});
