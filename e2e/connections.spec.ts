import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";

/** A local API the connections are tested against: /me wants the bearer token, /down always fails. */
let api: Server;
let apiUrl = "";
test.beforeAll(async () => {
  api = createServer((req, res) => {
    if (req.url === "/me" && req.headers.authorization === "Bearer tok-e2e-123456789") res.writeHead(200, { "content-type": "application/json" }).end('{"me":"ann"}');
    else if (req.url === "/me") res.writeHead(401).end();
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

test("a connection is created, tested, edited and deleted on the Connections page", async ({ page, request }) => {
  const name = `Billing API ${Date.now()}`;
  await page.goto("/connections");
  await expect(page.getByRole("heading", { name: "Connections", exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "New connection" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New connection" });
  await dialog.getByRole("radio", { name: "Bearer token" }).click();
  await expect(dialog.getByRole("radio", { name: "Bearer token" })).toHaveAttribute("aria-checked", "true");
  await dialog.getByRole("button", { name: "Create connection" }).click();
  await expect(dialog.getByText("Name the connection")).toBeVisible();
  await expect(dialog.getByText("Enter token")).toBeVisible();

  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Token").fill("tok-e2e-123456789");
  await dialog.getByLabel("Test URL").fill(`${apiUrl}/me`);
  await dialog.getByText("Rate limit and circuit breaker").click();
  await dialog.getByLabel("Limit calls").click();
  await saveScreenshot(page, "connections-dialog");
  await dialog.getByRole("button", { name: "Save and test" }).click();
  await expect(dialog.getByRole("status")).toContainText("Connection works");
  await expect(dialog.getByRole("status")).toContainText("answered 200");
  await dialog.getByRole("button", { name: "Close", exact: true }).first().click();

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Bearer token");
  await expect(row).toContainText("Passed");
  await expect(row).toContainText("Closed");
  await expect(row).toContainText("10/s");
  const listed = await (await request.get("/api/connections")).json();
  expect(JSON.stringify(listed)).not.toContain("tok-e2e-123456789");
  await saveScreenshot(page, "connections-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/dark/);
  await saveScreenshot(page, "connections-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // Edit: the stored token is kept (only its hint is shown) while the name changes.
  await row.getByRole("button", { name, exact: true }).click();
  const edit = page.getByRole("dialog", { name: `Edit “${name}”` });
  await expect(edit.getByLabel("Token")).toHaveValue("");
  await expect(edit.getByText(/Stored \(••••6789\)/)).toBeVisible();
  await edit.getByLabel("Name").fill(`${name} v2`);
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  const renamed = page.getByRole("row").filter({ hasText: `${name} v2` });
  await renamed.getByRole("button", { name: "Test" }).click();
  await expect(page.getByText(`“${name} v2” works`)).toBeVisible();

  await renamed.getByRole("button", { name: `Actions for ${name} v2` }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`Delete “${name} v2”?`);
  await confirm.getByRole("button", { name: "Delete connection" }).click();
  await expect(page.getByRole("row").filter({ hasText: `${name} v2` })).toHaveCount(0);
});

test("an open circuit breaker shows on the Connections page and on the canvas node, and the node form picks the connection", async ({ page, request }) => {
  const name = `Flaky ${Date.now()}`;
  const created = await request.post("/api/connections", { data: { name, type: "bearer", config: { breaker: { failureThreshold: 1, cooldownSeconds: 600 } }, secrets: { token: "tok-flaky-0000" } } });
  expect(created.status()).toBe(201);
  const connectionId = (await created.json()).id;
  const workflow = await request.post("/api/workflows", {
    data: {
      version: 1,
      name: `Calls a flaky API ${Date.now()}`,
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 80, y: 160 }, config: {} },
        // onError continue: the call fails (and opens the breaker) but the run completes, leaving no failed run for other specs.
        { id: "call", type: "action.http", position: { x: 380, y: 160 }, config: { url: `${apiUrl}/down`, connectionId }, settings: { retry: { maxAttempts: 1 }, onError: "continue" } },
      ],
      edges: [{ id: "e1", source: "start", target: "call" }],
    },
  });
  const { id } = await workflow.json();
  await request.post(`/api/workflows/${id}/runs`, { data: { payload: {} } });
  await expect.poll(async () => (await (await request.get(`/api/connections/${connectionId}`)).json()).breaker.state, { timeout: 30_000 }).toBe("open");

  await page.goto("/connections");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Open");

  await page.goto(`/workflows/${id}`);
  const node = page.locator('.react-flow__node[data-id="call"]');
  await expect(node.getByRole("img", { name: "Circuit open" })).toBeVisible();
  await node.click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await expect(inspector.getByRole("combobox", { name: "Connection" })).toContainText(name);
  await expect(inspector.getByRole("link", { name: "New connection" })).toHaveAttribute("href", "/connections");
  await saveScreenshot(page, "connections-editor-breaker");
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "connections-editor-breaker-dark");
});
