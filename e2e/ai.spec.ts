import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode } from "./support/canvas";

/**
 * A fake OpenAI-compatible API: GET /v1/models for "Test connection", and chat completions that
 * answer by what was asked (structured sentiment, a failure explanation, a described workflow).
 */
let api: Server;
let apiUrl = "";
test.beforeAll(async () => {
  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/v1/models") return void res.writeHead(200, { "content-type": "application/json" }).end('{"data":[{"id":"gpt-fake"}]}');
      if (req.url === "/down") return void res.writeHead(503, { "content-type": "application/json" }).end('{"error":"maintenance"}');
      if (req.url === "/typo") return void res.writeHead(404, { "content-type": "application/json" }).end('{"error":"no such path"}');
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { messages: { content: string }[] };
      const asked = body.messages.map((m) => m.content).join("\n");
      const mapping = asked.includes("Target fields:");
      const change = asked.includes("Change this workflow as described");
      const typo = asked.includes("Explain the failure") && asked.includes("/typo");
      const answer = mapping
        ? {
            mappings: [
              { field: "email", value: "{{ input.customer.email }}", reason: "The customer's e-mail address." },
              { field: "plan", value: "{{ input.tier }}", reason: "The tier is the plan." },
            ],
          }
        : change
        ? {
            name: "Nightly ping",
            nodes: [
              { id: "start", type: "trigger.manual", name: "Start", config: {} },
              { id: "note", type: "transform.map", name: "Say hello", config: { expression: '"hello"' } },
              { id: "shout", type: "transform.map", name: "Shout it", config: { expression: "$uppercase(input)" } },
            ],
            edges: [
              { source: "start", target: "note" },
              { source: "note", target: "shout" },
            ],
          }
        : typo
        ? { explanation: "The step calls a path that does not exist.", likelyCause: "A typo in the URL.", fix: { summary: "Call the models endpoint", config: { url: `${apiUrl}/v1/models`, method: "GET" } } }
        : asked.includes("Rate this review")
        ? { sentiment: "positive", stars: 5 }
        : asked.includes("Explain the failure")
          ? { explanation: "The inventory API was down for maintenance.", likelyCause: "The service answered 503.", fix: null }
          : { name: "Nightly ping", nodes: [{ id: "start", type: "trigger.manual", name: "Start", config: {} }, { id: "note", type: "transform.map", name: "Say hello", config: { expression: '"hello"' } }], edges: [{ source: "start", target: "note" }] };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ model: "gpt-fake-1", choices: [{ message: { role: "assistant", content: JSON.stringify(answer) }, finish_reason: "stop" }], usage: { prompt_tokens: 1200, completion_tokens: 34 } }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

test("a model connection runs an AI model node with structured output, explains a failure and builds a workflow from a description", async ({ page, request }) => {
  // Connect a model on the Connections page.
  await page.goto("/connections");
  await page.getByRole("button", { name: "New connection" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New connection" });
  await dialog.getByRole("radio", { name: "AI model" }).click();
  await dialog.getByLabel("Name").fill("Fake GPT");
  await dialog.getByLabel("Base URL").fill(`${apiUrl}/v1`);
  await dialog.getByLabel("API key").fill("sk-e2e-fake-1234");
  await dialog.getByLabel("Default model").fill("gpt-fake");
  await dialog.getByLabel("Price per million input tokens (USD)").fill("2.5");
  await dialog.getByLabel("Price per million output tokens (USD)").fill("10");
  await dialog.getByRole("button", { name: "Save and test" }).click();
  await expect(dialog.getByRole("status")).toContainText("/v1/models answered 200");
  await dialog.getByRole("button", { name: "Close", exact: true }).first().click();
  const connectionId = ((await (await request.get("/api/connections")).json()) as { connections: { id: string; name: string }[] }).connections.find((c) => c.name === "Fake GPT")!.id;

  // A workflow with an AI model node asking for structured output; run it and read the run.
  const created = await request.post("/api/workflows", {
    data: {
      version: 1,
      name: "Review sentiment",
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
        {
          id: "rate",
          type: "ai.model",
          name: "Rate the review",
          position: { x: 300, y: 0 },
          config: { connectionId, prompt: "Rate this review: {{ trigger.review }}", outputSchema: { type: "object", required: ["sentiment", "stars"], properties: { sentiment: { enum: ["positive", "negative"] }, stars: { type: "integer" } } } },
        },
      ],
      edges: [{ id: "e1", source: "start", target: "rate" }],
    },
  });
  const workflow = (await created.json()) as { id: string };
  const started = (await (await request.post(`/api/workflows/${workflow.id}/runs`, { data: { payload: { review: "Great shoes!" } } })).json()) as { runId: string };
  await page.goto(`/runs/${started.runId}`);
  await expect(page.getByText("Completed").first()).toBeVisible();
  await expect(page.getByText("1,234 tokens · $0.00334")).toBeVisible();
  await page.getByRole("button", { name: /rate/i }).first().click();
  await expect(page.getByText('"positive"').first()).toBeVisible();
  await saveScreenshot(page, "ai-model-run");

  // Turn AI assistance on in Settings, then ask for an explanation of a failed run.
  await page.goto("/settings");
  await page.getByLabel("Model connection").click();
  await page.getByRole("option", { name: /Fake GPT/ }).click();
  await expect(page.getByText("AI assistance is on")).toBeVisible();
  const failing = (await (
    await request.post("/api/workflows", {
      data: {
        version: 1,
        name: "Inventory check",
        nodes: [
          { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
          { id: "stock", type: "action.http", position: { x: 300, y: 0 }, config: { url: `${apiUrl}/down` }, settings: { retry: { maxAttempts: 1 } } },
        ],
        edges: [{ id: "e1", source: "start", target: "stock" }],
      },
    })
  ).json()) as { id: string };
  const failedRun = (await (await request.post(`/api/workflows/${failing.id}/runs`, { data: { payload: {} } })).json()) as { runId: string };
  await page.goto(`/runs/${failedRun.runId}`);
  await page.getByRole("button", { name: "Explain this failure" }).click();
  const explanation = page.getByRole("dialog", { name: "Why this run failed" });
  await expect(explanation).toContainText("The inventory API was down for maintenance.");
  await expect(explanation).toContainText("No change to the workflow is proposed");
  await saveScreenshot(page, "ai-explain-failure");
  await page.keyboard.press("Escape");

  // A failure the model can fix: its proposed config goes into the workflow's draft, not published.
  const typo = (await (
    await request.post("/api/workflows", {
      data: {
        version: 1,
        name: "Models check",
        nodes: [
          { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
          { id: "models", type: "action.http", position: { x: 300, y: 0 }, config: { url: `${apiUrl}/typo` }, settings: { retry: { maxAttempts: 1 } } },
        ],
        edges: [{ id: "e1", source: "start", target: "models" }],
      },
    })
  ).json()) as { id: string };
  const typoRun = (await (await request.post(`/api/workflows/${typo.id}/runs`, { data: { payload: {} } })).json()) as { runId: string };
  await page.goto(`/runs/${typoRun.runId}`);
  await page.getByRole("button", { name: "Explain this failure" }).click();
  const proposal = page.getByRole("dialog", { name: "Why this run failed" });
  await expect(proposal).toContainText("Proposed fix for models: Call the models endpoint");
  await saveScreenshot(page, "ai-explain-failure-fix");
  await proposal.getByRole("button", { name: "Apply to the draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${typo.id}$`));
  await expect(page.getByRole("status").filter({ hasText: "draft not published" })).toBeVisible();
  const drafted = (await (await request.get(`/api/workflows/${typo.id}`)).json()) as { version: number; draft: { nodes: { id: string; config: { url?: string } }[] } };
  expect(drafted.version).toBe(1);
  expect(drafted.draft.nodes.find((n) => n.id === "models")!.config.url).toBe(`${apiUrl}/v1/models`);

  // Describe a workflow in the new-workflow dialog: it is built, created switched off, and opened.
  await page.goto("/workflows");
  await page.getByRole("button", { name: "New workflow" }).first().click();
  const create = page.getByRole("dialog", { name: "New workflow" });
  await create.getByRole("tab", { name: "Describe it" }).click();
  await create.getByLabel("What should it do?").fill("Every night, say hello so we know the system is alive.");
  await saveScreenshot(page, "ai-describe-it");
  await create.getByRole("button", { name: "Build workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  await expect(page.getByText("Say hello").first()).toBeVisible();
  const id = page.url().split("/").pop()!;
  await expect.poll(async () => ((await (await request.get(`/api/workflows/${id}`)).json()) as { active: boolean }).active).toBe(false);

  // In the editor, a described change lands on the canvas as one undoable change, not saved.
  await page.getByRole("button", { name: "Describe a change" }).click();
  const describeChange = page.getByRole("dialog", { name: "Describe a change" });
  await describeChange.getByLabel("What should change?").fill("After saying hello, shout it in capitals.");
  await describeChange.getByRole("button", { name: "Change the workflow" }).click();
  await expect(describeChange).toHaveCount(0);
  await expect(canvasNode(page, "shout")).toBeVisible();
  await saveScreenshot(page, "ai-describe-change");
  await page.keyboard.press("Control+z");
  await expect(canvasNode(page, "shout")).toHaveCount(0);
  await expect(canvasNode(page, "note")).toBeVisible();
});

test("the nodes an AI agent may call as tools are marked on the canvas with the agent's name", async ({ page, request }) => {
  const connection = await request.post("/api/connections", {
    data: { name: `Agent model ${Date.now()}`, type: "aiModel", config: { provider: "openai", baseUrl: `${apiUrl}/v1`, model: "gpt-fake" }, secrets: { apiKey: "sk-e2e-fake-1234" } },
  });
  expect(connection.status()).toBe(201);
  const at = (x: number, y: number) => ({ x, y });
  const created = await request.post("/api/workflows", {
    data: {
      version: 1,
      name: `Agent tools ${Date.now()}`,
      nodes: [
        { id: "start", type: "trigger.manual", position: at(0, 0), config: {} },
        { id: "agent", name: "Support agent", type: "ai.agent", position: at(320, 0), config: { connectionId: ((await connection.json()) as { id: string }).id, prompt: "Help", tools: [{ nodeId: "lookup" }], maxTurns: 3, maxTokens: 256 } },
        { id: "lookup", name: "Look up order", type: "transform.map", position: at(320, 200), config: { expression: '"order"' } },
        { id: "other", type: "transform.map", position: at(640, 0), config: { expression: "1" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "agent" },
        { id: "e2", source: "agent", target: "other" },
      ],
    },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/workflows/${((await created.json()) as { id: string }).id}`);
  await expect(canvasNode(page, "lookup")).toContainText("tool of Support agent");
  await expect(canvasNode(page, "other")).not.toContainText("tool of");
  await saveScreenshot(page, "editor-agent-tool");
});

test("Suggest mapping proposes an expression per field of an Edit fields node; the user accepts one and dismisses the other", async ({ page, request }) => {
  const connection = await request.post("/api/connections", {
    data: { name: `Mapping model ${Date.now()}`, type: "aiModel", config: { provider: "openai", baseUrl: `${apiUrl}/v1`, model: "gpt-fake" }, secrets: { apiKey: "sk-e2e-fake-1234" } },
  });
  expect((await request.put("/api/settings", { data: { aiConnectionId: ((await connection.json()) as { id: string }).id } })).status()).toBe(200);
  const at = (x: number, y: number) => ({ x, y });
  const created = await request.post("/api/workflows", {
    data: {
      version: 1,
      name: `Mapping ${Date.now()}`,
      nodes: [
        { id: "start", type: "trigger.manual", position: at(0, 0), config: {} },
        { id: "shape", type: "transform.set", position: at(320, 0), config: { from: "{}", changes: [{ op: "set", field: "email", value: "" }, { op: "set", field: "plan", value: "" }] } },
      ],
      edges: [{ id: "e1", source: "start", target: "shape" }],
      pinData: { start: { customer: { email: "ada@example.com" }, tier: "gold" } },
    },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "shape").click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await inspector.getByRole("region", { name: "Suggest mapping" }).getByRole("button", { name: "Suggest mapping" }).click();
  const suggestions = inspector.getByRole("list", { name: "Suggested mappings" });
  await expect(suggestions.getByRole("listitem")).toHaveCount(2);
  await saveScreenshot(page, "ai-suggest-mapping");
  await suggestions.getByRole("button", { name: "Use the suggestion for email" }).click();
  await suggestions.getByRole("button", { name: "Dismiss the suggestion for plan" }).click();
  await expect(suggestions).toHaveCount(0);
  await page.keyboard.press("Control+s");
  await expect(page.getByRole("status").filter({ hasText: /^Saved/ })).toBeVisible();
  const saved = (await (await request.get(`/api/workflows/${id}`)).json()) as { draft: { nodes: { id: string; config: { changes: { field: string; value: unknown }[] } }[] } | null; document: { nodes: { id: string; config: { changes: { field: string; value: unknown }[] } }[] } };
  const changes = (saved.draft ?? saved.document).nodes.find((n) => n.id === "shape")!.config.changes;
  expect(changes).toEqual([
    { op: "set", field: "email", value: "{{ input.customer.email }}" },
    { op: "set", field: "plan", value: "" },
  ]);
  // Undo takes the accepted suggestion back.
  await canvasNode(page, "shape").click();
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+s");
  await expect
    .poll(async () => {
      const now = (await (await request.get(`/api/workflows/${id}`)).json()) as typeof saved;
      return (now.draft ?? now.document).nodes.find((n) => n.id === "shape")!.config.changes[0].value;
    })
    .toBe("");
});
