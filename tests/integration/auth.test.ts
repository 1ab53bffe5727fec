import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie, signIn, signInResponse, signUp, signUpResponse } from "../support/auth";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow } from "../support/workflows";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `npm run cli -- <args>` against the test server's database; answers what it printed. */
async function cli(server: TestServer, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: server.database.url, SWITCHBOARD_DATA_DIR: server.database.dataDir },
    encoding: "utf8",
  });
  return stdout;
}

/** The database's bytes (SQLite file and write-ahead log) as text, to search for a value. */
function databaseText(server: TestServer): string {
  return readdirSync(server.database.dataDir)
    .filter((f) => f.startsWith("switchboard.db"))
    .map((f) => readFileSync(path.join(server.database.dataDir, f)).toString("latin1"))
    .join("\n");
}

describe("accounts and sessions", () => {
  let server: TestServer;
  let origin: string;
  let ownerCookie: string;

  beforeAll(async () => {
    server = await startTestServer("sqlite");
    origin = server.url;
    ownerCookie = await signIn(server.url, { email: server.owner.email, password: server.owner.password, origin });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("sets the session cookie HttpOnly and SameSite=Lax (not Secure over plain http)", async () => {
    const response = await signUpResponse(server.url, { email: "cookies@example.com", password: "cookies-password", origin });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("switchboard.session_token="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("signing out ends the session on the server: the old cookie no longer works", async () => {
    const cookie = await signIn(server.url, { email: server.owner.email, password: server.owner.password, origin });
    expect((await server.api("/api/me", { apiKey: null, headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${server.url}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin, "content-type": "application/json" }, body: "{}" });
    expect(out.status).toBe(200);
    expect((await server.api("/api/me", { apiKey: null, headers: { cookie } })).status).toBe(401);
  });

  it("refuses cookie-authenticated changes from other sites (Origin check)", async () => {
    const cookie = ownerCookie;
    const body = chain("Cross-site", [{ id: "start", type: "trigger.manual", config: {} }]);
    const evil = await server.api("/api/workflows", { apiKey: null, body, headers: { cookie, origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    const crossSite = await server.api("/api/workflows", { apiKey: null, body, headers: { cookie, "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const same = await server.api("/api/workflows", { apiKey: null, body, headers: { cookie, origin } });
    expect(same.status).toBe(201);
    // better-auth checks the Origin of its own cookie-carrying requests too (e.g. signing out).
    const signOut = await fetch(`${server.url}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: "https://evil.example", "content-type": "application/json" }, body: "{}" });
    expect(signOut.status).toBe(403);
  });

  it("stores only a hash of an API key, and a revoked key gets 401", async () => {
    const cookie = ownerCookie;
    const created = await server.api<{ id: string; key: string; name: string }>("/api/api-keys", { apiKey: null, body: { name: "ci", role: "editor" }, headers: { cookie, origin } });
    expect(created.status).toBe(201);
    const { key, id } = created.body;
    expect((await server.api("/api/workflows", { apiKey: key })).status).toBe(200);
    const list = await server.api<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>("/api/api-keys", { apiKey: null, headers: { cookie } });
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.apiKeys.find((k) => k.id === id)?.lastUsedAt).not.toBeNull();
    expect(databaseText(server)).not.toContain(key);
    expect(databaseText(server)).not.toContain(server.owner.apiKey);

    const revoked = await server.api("/api/api-keys/" + id, { apiKey: null, method: "DELETE", headers: { cookie, origin } });
    expect(revoked.status).toBe(200);
    const after = await server.api<{ error: string }>("/api/workflows", { apiKey: key });
    expect(after.status).toBe(401);
    expect(after.body.error).toMatch(/revoked/i);
  });

  it("an editor key cannot do what needs an owner", async () => {
    const cookie = ownerCookie;
    const { key } = (await server.api<{ key: string }>("/api/api-keys", { apiKey: null, body: { name: "editor", role: "editor" }, headers: { cookie, origin } })).body;
    expect((await server.api("/api/audit", { apiKey: key })).status).toBe(403);
    expect((await server.api("/api/settings", { apiKey: key, method: "PUT", body: { retentionDays: 3 } })).status).toBe(403);
    expect((await server.api("/api/workflows", { apiKey: key, body: chain("By editor", [{ id: "start", type: "trigger.manual", config: {} }]) })).status).toBe(201);
  });

  it("creates users and API keys from the command line; the key is the last line printed", async () => {
    expect(await cli(server, ["create-user", "--email", "cli@example.com", "--password", "cli-password-1"])).toContain("owner of workspace");
    const key = (await cli(server, ["create-api-key", "--email", "cli@example.com", "--name", "automation"])).trim().split("\n").at(-1)!;
    expect(key).toMatch(/^sbk_[A-Za-z0-9_-]{40,}$/);
    const me = await server.api<{ user: { id: string }; workspace: { id: string; role: string } }>("/api/me", { apiKey: key });
    expect(me.status).toBe(200);
    expect(me.body.workspace.role).toBe("owner");
    expect(me.body.workspace.id).not.toBe("default");
    await expect(cli(server, ["create-api-key", "--email", "nobody@example.com", "--name", "x"])).rejects.toThrow(/No account for nobody@example.com/);
  });

  it("lets a user create a second workspace and switch between them", async () => {
    const created = await server.api<{ workspaceId: string; role: string }>("/api/workspaces", { apiKey: null, body: { name: "Side project" }, headers: { cookie: ownerCookie, origin } });
    expect(created.status).toBe(201);
    expect(created.body.role).toBe("owner");
    const switched = await fetch(`${server.url}/api/workspaces/active`, {
      method: "POST",
      headers: { cookie: ownerCookie, origin, "content-type": "application/json" },
      body: JSON.stringify({ workspaceId: created.body.workspaceId }),
    });
    expect(switched.status).toBe(200);
    const cookie = `${ownerCookie}; ${sessionCookie(switched)}`;
    const me = await server.api<{ workspace: { id: string }; workspaces: { workspaceId: string }[] }>("/api/me", { apiKey: null, headers: { cookie } });
    expect(me.body.workspace.id).toBe(created.body.workspaceId);
    expect(me.body.workspaces.map((w) => w.workspaceId)).toEqual(["default", created.body.workspaceId]);
    expect((await server.api<{ workflows: unknown[] }>("/api/workflows", { apiKey: null, headers: { cookie } })).body.workflows).toEqual([]);
    // A workspace the user does not belong to cannot be chosen.
    const foreign = await server.api("/api/workspaces/active", { apiKey: null, body: { workspaceId: "ws_not_mine" }, headers: { cookie: ownerCookie, origin } });
    expect(foreign.status).toBe(404);
  });

  it("keeps workspaces apart: another workspace's events, lists and runs do not reach this one", async () => {
    const listener = await createWorkflow(server, chain("Listens in A", [{ id: "on", type: "trigger.event", config: { events: ["invoice.paid"] } }]));
    const stranger = await signUp(server.url, { email: "other-workspace@example.com", password: "other-password", origin });
    const fromB = await server.api<{ runs: number }>("/api/events", { apiKey: null, body: { name: "invoice.paid", data: {} }, headers: { cookie: stranger, origin } });
    expect(fromB.status).toBe(202);
    expect(fromB.body.runs).toBe(0);
    const workflowsOfB = await server.api<{ workflows: { id: string }[] }>("/api/workflows", { apiKey: null, headers: { cookie: stranger } });
    expect(workflowsOfB.body.workflows).toEqual([]);
    const runsOfB = await server.api<{ runs: unknown[] }>("/api/runs", { apiKey: null, headers: { cookie: stranger } });
    expect(runsOfB.body.runs).toEqual([]);
    const fromA = await server.api<{ runs: number }>("/api/events", { body: { name: "invoice.paid", data: {} } });
    expect(fromA.body.runs).toBe(1);
    expect((await server.api(`/api/workflows/${listener.id}`, { apiKey: null, headers: { cookie: stranger } })).status).toBe(404);
  });

  it("lets the owner make sign-up invite-only; an invitation link still works", async () => {
    const closed = await server.api("/api/settings/signups", { method: "PUT", body: { open: false }, apiKey: null, headers: { cookie: ownerCookie, origin } });
    expect(closed.status).toBe(200);
    const refused = await signUpResponse(server.url, { email: "walk-in@example.com", password: "walk-in-password", origin });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/invitation only/i);

    const invitation = await server.api<{ url: string }>("/api/invitations", { body: { role: "editor" } });
    const token = invitation.body.url.split("/invite/")[1];
    const joined = await signUp(server.url, { email: "invited@example.com", password: "invited-password", origin, invitation: token });
    const me = await server.api<{ workspace: { id: string; role: string } }>("/api/me", { apiKey: null, headers: { cookie: joined } });
    expect(me.body.workspace).toEqual({ id: "default", role: "editor" });
    // The link works once.
    expect((await signUpResponse(server.url, { email: "again@example.com", password: "again-password", origin, invitation: token })).status).toBe(403);
  });

  it("keeps an audit log of who did what, without secrets", async () => {
    const workflow = await createWorkflow(server, chain("Audited", [{ id: "start", type: "trigger.manual", config: {} }]));
    await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } });
    const connection = await server.api<{ id: string }>("/api/connections", { body: { name: "Audited", type: "bearer", config: {}, secrets: { token: "audit-secret-value" } } });
    await server.api(`/api/connections/${connection.body.id}`, { method: "DELETE" });
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
    const log = await server.api<{ entries: { action: string; actor: string; target: string | null; ip: string | null }[] }>("/api/audit?limit=200");
    expect(log.status).toBe(200);
    const actions = log.body.entries.map((e) => e.action);
    for (const action of ["sign-in", "member.join", "member.invite", "api-key.create", "api-key.revoke", "workflow.create", "workflow.deactivate", "workflow.delete", "connection.create", "connection.delete", "settings.update"]) {
      expect(actions).toContain(action);
    }
    expect(log.body.entries.find((e) => e.action === "workflow.create" && e.target === workflow.id)?.actor).toBe("api-key:tests");
    expect(log.body.entries.find((e) => e.action === "sign-in")?.ip).toBeTruthy();
    expect(JSON.stringify(log.body)).not.toContain("audit-secret-value");
  });

  it("rejects unsigned or wrongly signed calls to /api/inngest on the embedded engine", async () => {
    const body = JSON.stringify({ event: { name: "x", data: {} }, events: [], steps: {}, ctx: { run_id: "r", attempt: 0 } });
    const unsigned = await fetch(`${server.url}/api/inngest?fnId=switchboard-run-workflow&stepId=step`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const forged = await fetch(`${server.url}/api/inngest?fnId=switchboard-run-workflow&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-signature": `t=${Math.floor(Date.now() / 1000)}&s=${"0".repeat(64)}` },
      body,
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    const sync = await fetch(`${server.url}/api/inngest`, { method: "PUT" });
    expect(sync.status).toBeGreaterThanOrEqual(400);
  });
});

describe("sign-in rate limit", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("rate-limits repeated failed sign-ins with a clear message", async () => {
    const attempts: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 12; i++) {
      last = await signInResponse(server.url, { email: "victim@example.com", password: `wrong-${i}`, origin: server.url });
      attempts.push(last.status);
    }
    expect(attempts.slice(0, 3)).toEqual([401, 401, 401]);
    expect(attempts.at(-1)).toBe(429);
    expect(await last!.text()).toMatch(/too many/i);
    expect(last!.headers.get("x-retry-after")).toMatch(/^\d+$/);
  });

});

describe("per-account sign-in lockout", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** A sign-in from its own client address, so only the per-account limit can stop it. */
  const attempt = (password: string, ip: string) =>
    fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": ip },
      body: JSON.stringify({ email: server.owner.email, password }),
    });

  it("locks an account after repeated failures from any addresses, even for the right password", async () => {
    const failures: number[] = [];
    for (let i = 0; i < 5; i++) failures.push((await attempt(`wrong-${i}`, `10.9.0.${i + 1}`)).status);
    expect(failures).toEqual([401, 401, 401, 401, 401]);
    const locked = await attempt(server.owner.password, "10.9.1.1");
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/too many failed sign-ins for this account/i);
    // API keys are not sessions: the owner's automation keeps working while the account is locked.
    expect((await server.api("/api/workflows")).status).toBe(200);
  });
});

describe("accounts behind https", () => {
  let server: TestServer;
  const publicUrl = "https://switchboard.test";

  beforeAll(async () => {
    server = await startTestServer("sqlite", { env: { PUBLIC_URL: publicUrl } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("marks the session cookie Secure", async () => {
    const response = await signInResponse(server.url, { email: server.owner.email, password: server.owner.password, origin: publicUrl });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.includes("switchboard.session_token="));
    expect(cookie).toMatch(/^__Secure-switchboard\.session_token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(sessionCookie(response)).toContain("__Secure-switchboard.session_token=");
  });
});
