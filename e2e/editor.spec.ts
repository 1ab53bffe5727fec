import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";

async function createWorkflow(request: APIRequestContext, document: Record<string, unknown>): Promise<string> {
  const response = await request.post("/api/workflows", { data: { version: 1, edges: [], ...document } });
  expect(response.status()).toBe(201);
  return (await response.json()).id;
}

function paletteItem(page: Page, label: string): Locator {
  return page.getByRole("complementary", { name: "Nodes" }).getByRole("button", { name: new RegExp(`^${label}`) });
}

function canvasNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

async function centreOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element is not visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses on `from`, moves in steps to `to` and releases: how a person drags. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 4, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

/** Drops a palette item at a point of the canvas (pixels from its top left). */
async function dropFromPalette(page: Page, label: string, at: { x: number; y: number }) {
  // The palette is longer than the window: bring the item into view first.
  await paletteItem(page, label).scrollIntoViewIfNeeded();
  const canvas = await page.getByLabel("Workflow canvas").boundingBox();
  if (!canvas) throw new Error("no canvas");
  await paletteItem(page, label).scrollIntoViewIfNeeded();
  await drag(page, await centreOf(paletteItem(page, label)), { x: canvas.x + at.x, y: canvas.y + at.y });
}

async function connect(page: Page, source: string, target: string) {
  await drag(page, await centreOf(canvasNode(page, source).locator(".react-flow__handle.source")), await centreOf(canvasNode(page, target).locator(".react-flow__handle.target")));
}

function outputHandle(page: Page, nodeId: string, output: string): Locator {
  return canvasNode(page, nodeId).locator(`.react-flow__handle.source[data-handleid="${output}"]`);
}

async function connectOutput(page: Page, source: string, output: string, target: string) {
  await drag(page, await centreOf(outputHandle(page, source, output)), await centreOf(canvasNode(page, target).locator(".react-flow__handle.target")));
}

/** Closes the inspector and fits the whole workflow into view, so every node can be reached. */
async function showWholeWorkflow(page: Page) {
  await page.getByRole("button", { name: "Close node settings" }).click();
  await page.getByRole("button", { name: "Fit View" }).click();
}

test("build a workflow by dragging, configure it in the generated form, save and find it again", async ({ page, request }) => {
  const id = await createWorkflow(request, { name: "Order sync", nodes: [] });
  await page.goto(`/workflows/${id}`);
  await expect(page.getByText("Drag a trigger from the left to start")).toBeVisible();

  // Each drop selects the new node and opens the inspector, so all three go where the narrower canvas still shows them.
  await dropFromPalette(page, "Manual trigger", { x: 140, y: 120 });
  await expect(page.getByRole("complementary", { name: "Node settings" })).toBeVisible();
  await dropFromPalette(page, "HTTP request", { x: 250, y: 300 });
  await dropFromPalette(page, "Map", { x: 350, y: 480 });
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await expect(canvasNode(page, "manual_trigger")).toBeVisible();
  await expect(canvasNode(page, "http_1")).toBeVisible();
  await expect(canvasNode(page, "map_1")).toBeVisible();
  await expect(page.getByText("Drag a trigger from the left to start")).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();

  await connect(page, "manual_trigger", "http_1");
  await connect(page, "http_1", "map_1");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);

  // The HTTP node starts with a placeholder URL, which the form and the node flag.
  await canvasNode(page, "http_1").click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await expect(inspector.getByRole("textbox", { name: "Node name" })).toHaveAttribute("placeholder", "HTTP request");
  const url = inspector.getByRole("textbox", { name: "URL", exact: true });
  await url.fill("orders.example.com");
  await expect(inspector.getByText("Use an http:// or https:// URL")).toBeVisible();
  await expect(canvasNode(page, "http_1").getByRole("img", { name: "1 problem" })).toBeVisible();
  await expect(page.getByRole("button", { name: "1 problem" })).toBeVisible();

  await url.fill("https://orders.example.com/api/{{ trigger.orderId }}");
  await expect(inspector.getByText("Use an http:// or https:// URL")).toBeHidden();
  await expect(canvasNode(page, "http_1").getByRole("img", { name: /problem/ })).toHaveCount(0);
  await inspector.getByRole("combobox", { name: "Method" }).click();
  await page.getByRole("option", { name: "POST" }).click();
  await inspector.getByRole("button", { name: "Add header" }).click();
  await inspector.getByRole("textbox", { name: "Headers: name 1" }).fill("x-source");
  await inspector.getByRole("textbox", { name: "Headers: value 1" }).fill("switchboard");

  // Leaving with unsaved changes asks first; declining keeps the editor.
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "Back to workflows" }).click();
  await expect.poll(() => asked).toEqual(["confirm"]);
  await expect(page).toHaveURL(new RegExp(`/workflows/${id}$`));

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Saved" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  const saved = await (await request.get(`/api/workflows/${id}`)).json();
  expect(saved.draft.nodes.map((n: { id: string }) => n.id).sort()).toEqual(["http_1", "manual_trigger", "map_1"]);
  expect(saved.draft.edges.map((e: { source: string; target: string }) => `${e.source}->${e.target}`).sort()).toEqual(["http_1->map_1", "manual_trigger->http_1"]);
  const http = saved.draft.nodes.find((n: { id: string }) => n.id === "http_1");
  expect(http.config).toMatchObject({ method: "POST", url: "https://orders.example.com/api/{{ trigger.orderId }}", headers: { "x-source": "switchboard" } });

  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await canvasNode(page, "http_1").click();
  await expect(inspector.getByRole("textbox", { name: "URL", exact: true })).toHaveValue("https://orders.example.com/api/{{ trigger.orderId }}");
  await page.getByRole("button", { name: "Fit View" }).click();
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/dark/);
  await saveScreenshot(page, "editor-dark");
});

test("a second trigger is flagged on its node, saved as a draft, refused at publish by node name and published once fixed", async ({ page, request }) => {
  const id = await createWorkflow(request, {
    name: "One trigger only",
    nodes: [
      { id: "manual_trigger", type: "trigger.manual", position: { x: 0, y: 0 }, config: { samplePayload: { orderId: 7 } } },
      { id: "map_1", type: "transform.map", position: { x: 320, y: 0 }, config: { expression: "trigger.orderId" } },
    ],
    edges: [{ id: "e1", source: "manual_trigger", target: "map_1" }],
  });
  await page.goto(`/workflows/${id}`);
  await expect(page.locator(".react-flow__node")).toHaveCount(2);

  // Keyboard: focus the palette item and press Enter to add it at the centre of the canvas.
  await paletteItem(page, "Webhook").focus();
  await page.keyboard.press("Enter");
  const webhook = canvasNode(page, "webhook");
  await expect(webhook).toBeVisible();
  await expect(webhook.getByRole("img", { name: "1 problem" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Node settings" }).getByText(/exactly one trigger/)).toBeVisible();

  // Saving never refuses a half-built workflow: it becomes the draft, and the published version stays.
  const put = page.waitForResponse((r) => r.url().endsWith(`/api/workflows/${id}/draft`) && r.request().method() === "PUT");
  await page.keyboard.press("ControlOrMeta+s");
  expect((await put).status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "draft not published" })).toBeVisible();
  await expect(webhook.getByRole("img", { name: "1 problem" })).toBeVisible();
  const stored = await (await request.get(`/api/workflows/${id}`)).json();
  expect(stored.document.nodes).toHaveLength(2);
  expect(stored.draft.nodes).toHaveLength(3);

  // Publishing is refused while the draft has problems, each named by node.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const publishDialog = page.getByRole("dialog", { name: "Publish changes" });
  const refused = page.waitForResponse((r) => r.url().endsWith(`/api/workflows/${id}/publish`));
  await publishDialog.getByRole("button", { name: "Publish", exact: true }).click();
  expect((await refused).status()).toBe(409);
  await expect(publishDialog.getByRole("alert")).toContainText("Webhook (webhook): A workflow has exactly one trigger");
  await saveScreenshot(page, "editor-publish-refused");
  await publishDialog.getByRole("button", { name: "Cancel" }).click();

  // Deleting the extra trigger and changing the map fixes it; published with a message, it is what runs use.
  await webhook.click();
  await page.keyboard.press("Delete");
  await expect(webhook).toHaveCount(0);
  await canvasNode(page, "map_1").click();
  await page.getByRole("complementary", { name: "Node settings" }).getByRole("textbox", { name: "Expression" }).fill("trigger.orderId * 2");
  await expect(page.getByText("No problems")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await publishDialog.getByRole("textbox", { name: "What changed (optional)" }).fill("Double the order id");
  await publishDialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(publishDialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Saved · v2 published" })).toBeVisible();
  const published = await (await request.get(`/api/workflows/${id}`)).json();
  expect(published).toMatchObject({ version: 2, draft: null });
  expect(published.document.nodes.find((n: { id: string }) => n.id === "map_1").config.expression).toBe("trigger.orderId * 2");

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Run workflow" });
  const payload = dialog.getByRole("textbox", { name: "Payload (JSON)" });
  await expect(payload).toHaveValue(/"orderId": 7/);
  await payload.fill("{ nope");
  await expect(dialog.getByText(/Not valid JSON/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Run workflow" })).toBeDisabled();
  await payload.fill('{ "orderId": 8 }');
  const post = page.waitForResponse((r) => r.url().endsWith(`/api/workflows/${id}/runs`) && r.request().method() === "POST");
  await dialog.getByRole("button", { name: "Run workflow" }).click();
  expect((await post).status()).toBe(202);
  await expect(page).toHaveURL(/\/runs\/run_/);
});

test("app connector actions are listed in a palette section per app, found by the app's name, and get the generated form", async ({ page, request }) => {
  const id = await createWorkflow(request, { name: "Connector palette", nodes: [] });
  await page.goto(`/workflows/${id}`);
  const palette = page.getByRole("complementary", { name: "Nodes" });
  const apps = ["Slack", "Microsoft Teams", "Discord", "Telegram", "Stripe", "Shopify", "GitHub", "GitLab", "HubSpot", "Salesforce", "Pipedrive", "SendGrid", "Mailchimp", "Twilio", "Airtable", "Notion", "Google Sheets", "Trello", "Jira", "Zendesk"];
  for (const app of apps) await expect(palette.getByRole("heading", { name: app, exact: true })).toBeAttached();

  // Stripe's trigger is among the triggers, its actions in Stripe's own section.
  await palette.getByRole("searchbox", { name: "Search nodes" }).fill("stripe");
  await expect(palette.getByRole("heading", { level: 2 })).toHaveText(["Triggers", "Stripe"]);
  const stripe = palette.getByRole("region", { name: "Stripe" });
  await expect(stripe.getByRole("button")).toHaveCount(4);
  await stripe.getByRole("button", { name: /^Create payment intent/ }).focus();
  await page.keyboard.press("Enter");

  // The node is named after its action and configured in the form generated from the action's props.
  await expect(canvasNode(page, "create_payment_intent_1")).toContainText("Stripe: Create payment intent");
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  for (const label of ["Connection", "Amount", "Currency"]) await expect(inspector.getByText(new RegExp(`^${label}\\s*\\*?$`)).first()).toBeVisible();
  await expect(inspector.getByText(/restricted key \(rk_…\) in a Bearer token connection/)).toBeVisible();
  await saveScreenshot(page, "editor-connector-palette");
});

test("an unknown workflow shows a friendly not-found page", async ({ page }) => {
  await page.goto("/workflows/wf_does_not_exist");
  await expect(page.getByRole("heading", { name: "Workflow not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to workflows" })).toHaveAttribute("href", "/workflows");
});

test("switch cases, an error branch and workflow settings are edited, saved and loaded again", async ({ page, request }) => {
  // Unique names, so the test also holds when it runs again against the same server.
  const alertName = `Alert on-call ${Date.now()}`;
  const failureWorkflowId = await createWorkflow(request, {
    name: alertName,
    nodes: [{ id: "manual_trigger", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} }],
  });
  const name = `Order routing ${Date.now()}`;
  const id = await createWorkflow(request, {
    name,
    nodes: [
      { id: "manual_trigger", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
      { id: "http_1", type: "action.http", name: "Fetch order", position: { x: 320, y: 0 }, config: { url: "https://orders.example.com/api" } },
      { id: "map_1", type: "transform.map", name: "Rush it", position: { x: 960, y: 0 }, config: { expression: "input" } },
      { id: "log_failure", type: "transform.map", name: "Log failure", position: { x: 640, y: -160 }, config: { expression: "input.error" } },
    ],
    edges: [{ id: "e1", source: "manual_trigger", target: "http_1" }],
  });
  await page.goto(`/workflows/${id}`);
  await expect(page.locator(".react-flow__node")).toHaveCount(4);

  // A new switch has one labelled output per default case, plus "default".
  await dropFromPalette(page, "Switch", { x: 420, y: 520 });
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await expect(inspector.getByRole("group", { name: "Case 2" })).toBeVisible();
  const switchHandles = canvasNode(page, "switch_1").locator(".react-flow__handle.source");
  await expect(switchHandles).toHaveCount(3);
  await expect(canvasNode(page, "switch_1").getByText("default", { exact: true })).toBeVisible();

  // Adding a case focuses its output name; its handle appears once the case is complete.
  await inspector.getByRole("button", { name: "Add case" }).click();
  const newCase = inspector.getByRole("group", { name: "Case 3" });
  await expect(newCase.getByRole("textbox", { name: "Output" })).toBeFocused();
  await expect(newCase.getByText("Enter a condition")).toBeVisible();
  await newCase.getByRole("textbox", { name: "Output" }).fill("vip");
  await newCase.getByRole("textbox", { name: "Condition" }).fill("input.body.vip = true");
  await expect(newCase.getByText("Enter a condition")).toBeHidden();
  await expect(switchHandles).toHaveCount(4);
  await expect(outputHandle(page, "switch_1", "vip")).toBeVisible();

  await showWholeWorkflow(page);
  await connect(page, "http_1", "switch_1");
  await connectOutput(page, "switch_1", "high", "map_1");
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);

  // Renaming a case moves its connection to the new name.
  await canvasNode(page, "switch_1").click();
  await inspector.getByRole("group", { name: "Case 1" }).getByRole("textbox", { name: "Output" }).fill("urgent");
  await expect(outputHandle(page, "switch_1", "urgent")).toBeVisible();
  await expect(outputHandle(page, "switch_1", "high")).toHaveCount(0);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await expect(page.getByRole("img", { name: "Connection problem" })).toHaveCount(0);

  await inspector.getByRole("button", { name: "Move case 3 up" }).click();
  await expect(inspector.getByRole("group", { name: "Case 2" }).getByRole("textbox", { name: "Output" })).toHaveValue("vip");
  await expect(inspector.getByRole("button", { name: "Move case 2 up" })).toBeFocused();
  await expect(page.getByText("No problems")).toBeVisible();
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor-switch");

  // HTTP node: retries, a time limit and an error branch, each kept when the next is set.
  await canvasNode(page, "http_1").click();
  await inspector.getByRole("tab", { name: "Settings" }).click();
  await inspector.getByRole("spinbutton", { name: "Max attempts" }).fill("2");
  await inspector.getByRole("textbox", { name: "Limit per attempt" }).fill("90s");
  await expect(inspector.getByText("= 1m 30s")).toBeVisible();
  await expect(inspector.getByText(/retried up to 1 more time, waiting 1s/)).toBeVisible();
  await inspector.getByRole("radio", { name: "Follow the error output" }).click();
  await expect(outputHandle(page, "http_1", "error")).toBeVisible();
  await expect(inspector.getByText(/Nothing is connected to the error output yet/)).toBeVisible();

  await showWholeWorkflow(page);
  await connectOutput(page, "http_1", "error", "log_failure");
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  await canvasNode(page, "http_1").click();
  await inspector.getByRole("tab", { name: "Settings" }).click();
  await expect(inspector.getByRole("radio", { name: "Follow the error output" })).toBeChecked();
  await expect(inspector.getByText(/Nothing is connected to the error output yet/)).toBeHidden();

  // Workflow settings: a concurrency limit and a failure workflow chosen from the others.
  await page.getByRole("button", { name: "Workflow settings" }).click();
  const settings = page.getByRole("dialog", { name: "Workflow settings" });
  await settings.getByRole("spinbutton", { name: "Concurrency limit" }).fill("2");
  await settings.getByRole("combobox", { name: "Failure workflow" }).click();
  await expect(page.getByRole("option", { name })).toHaveCount(0);
  await page.getByRole("option", { name: alertName }).click();
  await settings.getByRole("textbox", { name: "Run time limit" }).fill("2h");
  await expect(settings.getByRole("combobox", { name: "Failure workflow" })).toHaveText(alertName);
  await saveScreenshot(page, "editor-settings");
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "editor-settings-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await settings.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await page.reload();
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  await expect(outputHandle(page, "switch_1", "urgent")).toBeVisible();
  await expect(outputHandle(page, "http_1", "error")).toBeVisible();

  const { draft: document } = await (await request.get(`/api/workflows/${id}`)).json();
  const nodeById = (nodeId: string) => document.nodes.find((n: { id: string }) => n.id === nodeId);
  expect(nodeById("switch_1").config.cases.map((c: { output: string }) => c.output)).toEqual(["urgent", "vip", "low"]);
  expect(nodeById("switch_1").config.cases[1].condition).toBe("input.body.vip = true");
  // The server stores the retry policy with its defaults filled in.
  expect(nodeById("http_1").settings).toMatchObject({ retry: { maxAttempts: 2 }, timeoutMs: 90_000, onError: "branch" });
  const edges = document.edges.map((e: { source: string; sourceHandle?: string; target: string }) => `${e.source}.${e.sourceHandle ?? "-"}->${e.target}`);
  expect(edges).toEqual(expect.arrayContaining(["switch_1.urgent->map_1", "http_1.error->log_failure", "http_1.main->switch_1"]));
  expect(document.settings).toEqual({ concurrency: 2, failureWorkflowId, timeoutMs: 7_200_000 });

  // Removing a case that is connected leaves the connection flagged: the server would refuse it.
  await canvasNode(page, "switch_1").click();
  await inspector.getByRole("button", { name: "Remove case 1" }).click();
  await expect(page.getByRole("img", { name: "Connection problem" })).toBeVisible();
  await expect(page.getByRole("button", { name: "1 problem" })).toBeVisible();
  await expect(outputHandle(page, "switch_1", "urgent")).toBeVisible();
  await expect(inspector.getByRole("button", { name: "Add case" })).toBeFocused();

  // So does a connection from the error output once failures no longer branch.
  await canvasNode(page, "http_1").click();
  await inspector.getByRole("tab", { name: "Settings" }).click();
  await inspector.getByRole("radio", { name: "Fail the run" }).click();
  await expect(page.getByRole("img", { name: "Connection problem" })).toHaveCount(2);
  await expect(page.getByRole("button", { name: "2 problems" })).toBeVisible();
});
