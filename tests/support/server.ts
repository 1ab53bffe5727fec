import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { executorCount } from "@/lib/runtime/executors";
import { signUp } from "./auth";
import { waitFor } from "./wait";
import { createTestDatabase, type DatabaseKind, type TestDatabase, type TestOwner } from "./databases";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVE = path.join(ROOT, "scripts", "serve.mjs");
const NEXT = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** What test servers may call despite the SSRF guard: the loopback servers tests start. */
export const TEST_OUTBOUND_ALLOWLIST = "127.0.0.1/32,localhost";

export interface ApiInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The API key to send as `Authorization: Bearer`: the owner's by default, null for none. */
  apiKey?: string | null;
}

export interface TestServer {
  url: string;
  database: TestDatabase;
  /** The owner every test server has (first account: owner of the default workspace) and their API key. */
  owner: TestOwner;
  /** `Authorization: Bearer <owner's key>`, for tests that call fetch themselves. */
  authHeaders: Record<string, string>;
  /** SIGKILL, as in a crash: nothing is flushed or shut down cleanly. */
  kill(): Promise<void>;
  /** SIGTERM, as a deploy or restart does (the graceful stop of lib/runtime); the database is kept. Resolves to the exit code. */
  terminate(): Promise<number | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
  logs(): string;
  /**
   * Resolves once every execution process of the current start takes jobs (they load after the
   * server answers): a test that changes what a process reads as it starts (the signing key) waits for it.
   */
  executorsTakingJobs(): Promise<void>;
  /** The server process's id while it runs. */
  pid(): number | undefined;
  api<T = unknown>(pathname: string, init?: ApiInit): Promise<{ status: number; body: T }>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface TestServerOptions {
  /** Extra environment variables (e.g. a real Inngest server's). */
  env?: Record<string, string>;
  /** Share another server's database instead of creating a fresh one (it is then not dropped on stop). */
  database?: TestDatabase;
  /** Serve with plain `next start` (as a deployment without scripts/serve.mjs does) instead of `npm start`'s server. */
  nextStart?: boolean;
}

/**
 * The real production server (scripts/serve.mjs, as `npm start` runs it, on the build global setup
 * made) on a free port with a fresh database of the given kind.
 */
export async function startTestServer(kind: DatabaseKind, options: TestServerOptions = {}): Promise<TestServer> {
  const env = { ...inngestEnv(), ...options.env };
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase(kind));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = "";
  let startedAt = 0;

  const start = async () => {
    startedAt = output.length;
    const serve = options.nextStart ? [NEXT, "start"] : [SERVE];
    child = spawn(process.execPath, [...serve, "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: ROOT,
      // Test servers call the tests' own local APIs on 127.0.0.1: open them in the SSRF guard (SSRF tests
      // pass OUTBOUND_ALLOWLIST: ""). Tests fail calls to their one local API on purpose, which would open
      // its per-host circuit breaker for the tests after them: host breakers are off unless a test turns
      // them on (OUTBOUND_HOST_BREAKER: "on"); connection breakers always work.
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        DATABASE_URL: database.url,
        SWITCHBOARD_DATA_DIR: database.dataDir,
        OUTBOUND_ALLOWLIST: TEST_OUTBOUND_ALLOWLIST,
        OUTBOUND_HOST_BREAKER: "off",
        // A test's end stops its server with SIGTERM: steps still running there need no long grace.
        SWITCHBOARD_SHUTDOWN_GRACE_MS: "3000",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const started = child;
    // If the test process ends without its afterAll (e.g. interrupted), take the server with it.
    process.once("exit", () => started.kill("SIGKILL"));
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    await waitUntilReady(url, () => output);
  };

  const stopWith = async (signal: NodeJS.Signals): Promise<number | null> => {
    const current = child;
    child = null;
    if (!current || current.exitCode !== null) return current?.exitCode ?? null;
    return new Promise<number | null>((resolve) => {
      current.once("exit", (code) => resolve(code));
      current.kill(signal);
    });
  };

  await start();
  if (env.INNGEST_BASE_URL) await syncWithInngest(url);
  const owner = (database.owner ??= await createOwner(env.PUBLIC_URL ?? url, url));
  return {
    url,
    database,
    owner,
    authHeaders: { authorization: `Bearer ${owner.apiKey}` },
    start,
    kill: async () => void (await stopWith("SIGKILL")),
    terminate: () => stopWith("SIGTERM"),
    stop: async () => {
      await stopWith("SIGTERM");
      if (ownsDatabase) await database.drop();
    },
    logs: () => output,
    async executorsTakingJobs() {
      // `next start` forks none (scripts/serve.mjs does).
      const expected = options.nextStart ? 0 : executorCount({ ...process.env, ...env });
      const taking = () => output.slice(startedAt).match(/\[executor\] execution process \d+ is taking jobs/g)?.length ?? 0;
      await waitFor(async () => taking() >= expected, { what: `${expected} execution processes to take jobs` });
    },
    pid: () => child?.pid,
    async api<T>(pathname: string, init: ApiInit = {}) {
      const apiKey = init.apiKey === undefined ? owner.apiKey : init.apiKey;
      const response = await fetch(`${url}${pathname}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...init.headers },
        body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: body as T };
    },
  };
}

/**
 * Signs up the first account (owner of the default workspace) through the API, as a browser would,
 * and creates an owner API key with its session.
 */
async function createOwner(origin: string, url: string): Promise<TestOwner> {
  const email = "owner@example.com";
  const password = "test-owner-password";
  const cookie = await signUp(url, { email, password, name: "Owner", origin });
  const created = await fetch(`${url}/api/api-keys`, { method: "POST", headers: { "content-type": "application/json", origin, cookie }, body: JSON.stringify({ name: "tests", role: "owner" }) });
  if (!created.ok) throw new Error(`Creating the test API key failed: ${created.status} ${await created.text()}`);
  return { email, password, apiKey: ((await created.json()) as { key: string }).key };
}

/**
 * CONFORMANCE_INNGEST_URL points the tests at an external Inngest server (dev server or
 * self-hosted) instead of the embedded engine; it must be able to reach 127.0.0.1.
 */
function inngestEnv(): Record<string, string> {
  const external = process.env.CONFORMANCE_INNGEST_URL;
  return external ? { INNGEST_BASE_URL: external, INNGEST_DEV: process.env.CONFORMANCE_INNGEST_DEV ?? "1" } : {};
}

async function syncWithInngest(url: string) {
  const response = await fetch(`${url}/api/inngest`, { method: "PUT" });
  if (!response.ok) throw new Error(`Syncing with the external Inngest server failed: ${response.status} ${await response.text()}`);
}

/** Ready = healthy (the embedded engine's first sync is awaited by the API on first use). */
async function waitUntilReady(url: string, logs: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Server at ${url} did not become ready:\n${logs()}`);
}
