import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";

/**
 * A local OAuth2 authorization server (RFC 6749 authorization code, RFC 7636 PKCE with S256) and
 * the API it protects: a consent page, a token endpoint that checks the client, the code, the
 * redirect URI and the code verifier, refresh tokens that rotate, and a switch that revokes them.
 * Its access tokens live 2 s, so the app refreshes them after 1 s (halfway, for short-lived tokens).
 */
const CLIENT_ID = "switchboard-e2e";
const CLIENT_SECRET = "e2e-client-secret-123";
let server: Server;
let origin = "";
const codes = new Map<string, { challenge: string; redirectUri: string }>();
const state = { access: "", refresh: "", issued: 0, refreshes: 0, revoked: false, badVerifiers: 0 };

function issue() {
  state.issued += 1;
  state.access = `at-${state.issued}-${randomBytes(6).toString("hex")}`;
  state.refresh = `rt-${state.issued}-${randomBytes(6).toString("hex")}`;
  return { access_token: state.access, refresh_token: state.refresh, token_type: "Bearer", expires_in: 2 };
}

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, origin);
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname === "/authorize") {
      const ok = url.searchParams.get("client_id") === CLIENT_ID && url.searchParams.get("code_challenge_method") === "S256" && url.searchParams.get("response_type") === "code";
      if (!ok) return json(400, { error: "invalid_request" });
      const approve = new URL("/approve", origin);
      for (const key of ["redirect_uri", "state", "code_challenge"]) approve.searchParams.set(key, url.searchParams.get(key) ?? "");
      return res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<!doctype html><title>Acme sign-in</title><h1>Allow Switchboard to use your Acme account?</h1><p>Scope: ${url.searchParams.get("scope")}</p><a href="${approve.toString().replace(/&/g, "&amp;")}">Allow</a>`);
    }
    if (url.pathname === "/approve") {
      const code = randomBytes(8).toString("hex");
      const redirectUri = url.searchParams.get("redirect_uri")!;
      codes.set(code, { challenge: url.searchParams.get("code_challenge")!, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state")!);
      return res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== CLIENT_SECRET) return json(401, { error: "invalid_client" });
        if (form.get("grant_type") === "authorization_code") {
          const grant = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          if (!grant || grant.redirectUri !== form.get("redirect_uri")) return json(400, { error: "invalid_grant", error_description: "Unknown code" });
          if (createHash("sha256").update(form.get("code_verifier") ?? "").digest("base64url") !== grant.challenge) {
            state.badVerifiers += 1;
            return json(400, { error: "invalid_grant", error_description: "PKCE verification failed" });
          }
          state.revoked = false;
          return json(200, issue());
        }
        if (form.get("grant_type") === "refresh_token") {
          if (state.revoked || form.get("refresh_token") !== state.refresh) return json(400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
          state.refreshes += 1;
          return json(200, issue());
        }
        return json(400, { error: "unsupported_grant_type" });
      });
      return;
    }
    if (url.pathname === "/me") return req.headers.authorization === `Bearer ${state.access}` ? json(200, { name: "Ann" }) : json(401, { error: "invalid_token" });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("an OAuth2 sign-in connection connects through the app's consent page, refreshes its token, and asks to reconnect when the app refuses", async ({ page, request }) => {
  const name = `Acme CRM ${Date.now()}`;
  await page.goto("/connections");
  await page.getByRole("button", { name: "New connection" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New connection" });
  await dialog.getByRole("radio", { name: "OAuth2 (sign in to the app)" }).click();
  await expect(dialog.getByTestId("oauth-redirect-url")).toHaveText(/\/api\/connections\/oauth\/callback$/);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Authorization URL").fill(`${origin}/authorize`);
  await dialog.getByLabel("Token URL").fill(`${origin}/token`);
  await dialog.getByLabel("Client ID").fill(CLIENT_ID);
  await dialog.getByLabel("Client secret").fill(CLIENT_SECRET);
  await dialog.getByLabel("Scope").fill("contacts.read offline_access");
  await dialog.getByLabel("Test URL").fill(`${origin}/me`);
  await saveScreenshot(page, "connections-oauth-dialog");
  await dialog.getByRole("button", { name: "Create connection" }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator(`[data-connection="${name}"]`);
  await expect(row.getByText("Not connected")).toBeVisible();
  await row.getByRole("button", { name: "Connect" }).click();

  // The app's consent page, then back on the Connections page.
  await expect(page.getByRole("heading", { name: "Allow Switchboard to use your Acme account?" })).toBeVisible();
  await expect(page.getByText("Scope: contacts.read offline_access")).toBeVisible();
  await page.getByRole("link", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expect(page.getByText(`Connected “${name}”`)).toBeVisible();
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();
  expect(state.issued).toBe(1);
  expect(state.badVerifiers).toBe(0);

  // Once the token is due for refresh, the test call refreshes it first, then uses the new one.
  await page.waitForTimeout(1500);
  await row.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByText(`“${name}” works`)).toBeVisible();
  expect(state.refreshes).toBe(1);

  // Tokens never reach the API's answers.
  const listed = await request.get("/api/connections");
  const text = await listed.text();
  expect(text).not.toContain(state.access);
  expect(text).not.toContain(state.refresh);
  expect(text).not.toContain(CLIENT_SECRET);

  // The app revokes access: the refresh is refused, the connection needs reconnecting.
  state.revoked = true;
  await page.waitForTimeout(1500);
  await row.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByText(`“${name}” failed`)).toBeVisible();
  await expect(row.getByText("Needs reconnecting")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: `“${name}” needs reconnecting.` })).toBeVisible();
  await saveScreenshot(page, "connections-oauth-needs-reconnect");
  const audit = await (await request.get("/api/audit")).json();
  expect(JSON.stringify(audit)).toContain("connection.needs-reconnect");

  // Reconnecting signs in again and the connection works.
  await row.getByRole("button", { name: "Reconnect" }).click();
  await page.getByRole("link", { name: "Allow" }).click();
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "needs reconnecting" })).toHaveCount(0);
  await row.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByText(`“${name}” works`).last()).toBeVisible();
});

test("a sign-in link works once", async ({ page, request }) => {
  const created = await request.post("/api/connections", {
    data: { name: `Once ${Date.now()}`, type: "oauth2Code", config: { authorizeUrl: `${origin}/authorize`, tokenUrl: `${origin}/token`, clientId: CLIENT_ID }, secrets: { clientSecret: CLIENT_SECRET } },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const { url } = (await (await request.post(`/api/connections/${id}/authorize`)).json()) as { url: string };
  const stateParam = new URL(url).searchParams.get("state")!;
  await page.goto(`/api/connections/oauth/callback?state=${stateParam}&error=access_denied&error_description=${encodeURIComponent("The user said no")}`);
  await expect(page.getByText("The app did not allow access: access_denied (The user said no)")).toBeVisible();
  await page.goto(`/api/connections/oauth/callback?state=${stateParam}&code=anything`);
  await expect(page.getByText("This sign-in has expired or was already used")).toBeVisible();
});
