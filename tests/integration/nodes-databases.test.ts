import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { createWorkflow, graph, startManualRun, step, waitForRun, type RunDetail } from "../support/workflows";

/** MariaDB on 127.0.0.1:3306 (root, no password), as the machine provides it. */
const MYSQL_ADMIN = { host: "127.0.0.1", port: 3306, user: "root" };

interface Target {
  type: "action.postgres" | "action.mysql";
  connection: { type: "postgres" | "mysql"; config: Record<string, unknown> };
  query(sql: string): Promise<Record<string, unknown>[]>;
  sleep: string;
  placeholder: string;
  drop(): Promise<void>;
}

async function postgresTarget(): Promise<Target> {
  const database: TestDatabase = await createTestDatabase("postgresql");
  const url = new URL(database.url);
  return {
    type: "action.postgres",
    connection: { type: "postgres", config: { host: "127.0.0.1", port: 5432, database: url.pathname.slice(1), username: "postgres" } },
    async query(sql) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    },
    sleep: "SELECT pg_sleep(5)",
    placeholder: "$1",
    drop: () => database.drop(),
  };
}

async function mysqlTarget(): Promise<Target> {
  const name = `switchboard_test_${randomBytes(6).toString("hex")}`;
  const admin = await mysql.createConnection(MYSQL_ADMIN);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    type: "action.mysql",
    connection: { type: "mysql", config: { host: "127.0.0.1", port: 3306, database: name, username: "root" } },
    async query(sql) {
      const client = await mysql.createConnection({ ...MYSQL_ADMIN, database: name });
      try {
        return (await client.query(sql))[0] as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    sleep: "SELECT SLEEP(5)",
    placeholder: "?",
    async drop() {
      const client = await mysql.createConnection(MYSQL_ADMIN);
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      await client.end();
    },
  };
}

describe.each([
  ["PostgreSQL", postgresTarget],
  ["MariaDB", mysqlTarget],
])("the %s node against the real server", (_name, makeTarget) => {
  let server: TestServer;
  let target: Target;
  let connectionId: string;

  beforeAll(async () => {
    target = await makeTarget();
    await target.query("CREATE TABLE customers (email VARCHAR(200) PRIMARY KEY, name VARCHAR(200) NOT NULL, visits INT NOT NULL DEFAULT 0)");
    server = await startTestServer("sqlite");
    const created = await server.api<{ id: string }>("/api/connections", { body: { name: "Shop database", ...target.connection, secrets: {} } });
    expect(created.status).toBe(201);
    connectionId = created.body.id;
  });

  afterAll(async () => {
    await server?.stop();
    await target?.drop();
  });

  const run = async (name: string, config: Record<string, unknown>, payload: unknown = {}): Promise<RunDetail> => {
    const { id } = await createWorkflow(server, graph(name, [{ id: "start", type: "trigger.manual" }, { id: "db", type: target.type, config: { connectionId, ...config } }], ["start->db"]));
    return waitForRun(server, await startManualRun(server, id, payload));
  };

  it("inserts in batches, upserts by key, and reads back with a parameterised query", async () => {
    const rows = [
      { email: "ada@example.com", name: "Ada", visits: 1 },
      { email: "bob@example.com", name: "Bob", visits: 2 },
      { email: "cy@example.com", name: "Cy", visits: 3 },
    ];
    const inserted = await run("Insert", { operation: "insert", table: "customers", rows: "{{ trigger.rows }}", batchSize: 2 }, { rows });
    expect(inserted.status).toBe("completed");
    expect(step(inserted, "db").output).toEqual({ operation: "insert", table: "customers", rows: 3, affected: 3, statements: 2 });

    const upserted = await run("Upsert", { operation: "upsert", table: "customers", keyColumns: "email", rows: "{{ trigger.rows }}" }, {
      rows: [
        { email: "bob@example.com", name: "Robert", visits: 5 },
        { email: "dee@example.com", name: "Dee", visits: 1 },
      ],
    });
    expect(upserted.status).toBe("completed");
    expect(await target.query("SELECT email, name, visits FROM customers ORDER BY email")).toEqual([
      { email: "ada@example.com", name: "Ada", visits: 1 },
      { email: "bob@example.com", name: "Robert", visits: 5 },
      { email: "cy@example.com", name: "Cy", visits: 3 },
      { email: "dee@example.com", name: "Dee", visits: 1 },
    ]);

    const queried = await run("Query", { operation: "query", query: `SELECT name FROM customers WHERE email = ${target.placeholder}`, parameters: ["{{ trigger.email }}"] }, { email: "bob@example.com" });
    expect(step(queried, "db").output).toMatchObject({ rows: [{ name: "Robert" }], rowCount: 1, fields: ["name"] });
    // A parameter is data, never SQL.
    const injected = await run("Injection", { operation: "query", query: `SELECT name FROM customers WHERE email = ${target.placeholder}`, parameters: ["x' OR '1'='1"] });
    expect(step(injected, "db").output).toMatchObject({ rows: [], rowCount: 0 });
  });

  it("updates and deletes rows by their key columns", async () => {
    const updated = await run("Update", { operation: "update", table: "customers", keyColumns: "email", rows: [{ email: "ada@example.com", visits: 9 }] });
    expect(step(updated, "db").output).toMatchObject({ affected: 1 });
    const deleted = await run("Delete", { operation: "delete", table: "customers", keyColumns: "email", rows: [{ email: "cy@example.com" }, { email: "nobody@example.com" }] });
    expect(step(deleted, "db").output).toMatchObject({ affected: 1, statements: 2 });
    expect(await target.query("SELECT email, visits FROM customers ORDER BY email")).toEqual([
      { email: "ada@example.com", visits: 9 },
      { email: "bob@example.com", visits: 5 },
      { email: "dee@example.com", visits: 1 },
    ]);
  });

  it("writes all batches of a step or none: a failing batch rolls back the ones before it", async () => {
    const failed = await run("Atomic", { operation: "insert", table: "customers", batchSize: 1, rows: [{ email: "eve@example.com", name: "Eve" }, { email: "ada@example.com", name: "Duplicate" }] });
    expect(failed.status).toBe("failed");
    expect(step(failed, "db").error?.message).toMatch(/duplicate/i);
    expect(await target.query("SELECT email FROM customers WHERE email = 'eve@example.com'")).toEqual([]);
  });

  it("stops a statement at its timeout on the server, and refuses names that are not plain identifiers", async () => {
    const slow = await run("Slow", { operation: "query", query: target.sleep, timeoutMs: 300 }, {});
    expect(slow.status).toBe("failed");
    expect(step(slow, "db").error?.message).toMatch(/statement timeout|max_statement_time/);
    const bad = await run("Bad table", { operation: "insert", table: "customers; DROP TABLE customers", rows: [{ email: "x@example.com", name: "X" }] });
    expect(step(bad, "db").error?.message).toContain("is not a plain table or column name");
    expect(await target.query("SELECT COUNT(*) AS n FROM customers")).toEqual([{ n: expect.anything() }]);
  });

  it("tests the connection, and keeps database hosts behind the SSRF guard", async () => {
    const tested = await server.api<{ ok: boolean; message: string }>(`/api/connections/${connectionId}/test`, { method: "POST" });
    expect(tested.body).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected: /) });
    const metadata = await server.api<{ id: string }>("/api/connections", { body: { name: "Cloud metadata", type: target.connection.type, config: { ...target.connection.config, host: "169.254.169.254" }, secrets: {} } });
    const { id } = await createWorkflow(server, graph("Blocked", [{ id: "start", type: "trigger.manual" }, { id: "db", type: target.type, config: { connectionId: metadata.body.id, query: "SELECT 1" } }], ["start->db"]));
    const blocked = await waitForRun(server, await startManualRun(server, id));
    expect(blocked.status).toBe("failed");
    expect(step(blocked, "db").error?.message).toMatch(/169\.254\.169\.254/);
  });
});
