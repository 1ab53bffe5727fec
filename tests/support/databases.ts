import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/** The PostgreSQL server CI provides (trust auth on loopback). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type DatabaseKind = "sqlite" | "postgresql";

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  /** Directory for files the server keeps (SQLite file, engine key). */
  dataDir: string;
  /** The owner account and API key test servers create on it (tests/support/server.ts). */
  owner?: TestOwner;
  drop(): Promise<void>;
}

export interface TestOwner {
  email: string;
  password: string;
  apiKey: string;
}

/** A fresh, empty database of the given kind that no other test uses. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-test-"));
  if (kind === "sqlite") {
    return { kind, url: `file:${path.join(dataDir, "switchboard.db")}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `switchboard_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    dataDir,
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs a describe block once per database kind: `describe.each(DATABASES)`. */
export const DATABASES: DatabaseKind[] = ["sqlite", "postgresql"];
