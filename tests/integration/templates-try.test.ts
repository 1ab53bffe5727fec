import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNodeDefinition } from "@/lib/nodes";
import { workflowTemplates } from "@/lib/templates";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { getRun, waitForRun } from "../support/workflows";

/**
 * "Try it" on every template of the gallery: a trial run on the template's pinned sample data
 * completes, every node the run reaches ran or output its pinned data, and nothing outside was
 * called (a node calling out without pinned data would fail on the templates' example.com
 * addresses, which the test servers' SSRF guard refuses).
 */
describe.each(DATABASES)("trying every template on its sample data (%s)", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("runs each template to completion with its pinned data, marking the pinned steps", async () => {
    const outcomes: Record<string, string> = {};
    await Promise.all(
      workflowTemplates.map(async (template) => {
        const created = await server.api<{ id: string }>("/api/workflows?active=false", { body: template.document });
        if (created.status !== 201) return void (outcomes[template.id] = `not created: ${created.status}`);
        const started = await server.api<{ runId: string }>(`/api/workflows/${created.body.id}/runs`, { body: { usePinnedData: true } });
        if (started.status !== 202) return void (outcomes[template.id] = `not started: ${started.status}`);
        const run = await waitForRun(server, started.body.runId).catch(async () => {
          const stuck = await getRun(server, started.body.runId);
          return { ...stuck, error: { message: `still ${stuck.status}: ${stuck.steps.filter((s) => !["completed", "skipped"].includes(s.status)).map((s) => `${s.nodeId} ${s.status}`).join(", ")}` } };
        });
        if (run.status !== "completed") return void (outcomes[template.id] = `${run.status}: ${run.error?.message}`);
        const pinned = new Set(Object.keys(template.document.pinData ?? {}));
        for (const step of run.steps) {
          const nodeId = step.nodeId.split("#")[0];
          const trigger = getNodeDefinition(template.document.nodes.find((n) => n.id === nodeId)?.type ?? "")?.category === "trigger";
          if (pinned.has(nodeId) && !trigger && step.status === "completed" && !(step as { timeline?: { kind: string }[] }).timeline?.some((t) => t.kind === "pinned")) {
            return void (outcomes[template.id] = `${step.nodeId} has pinned data but ran`);
          }
        }
        outcomes[template.id] = "completed";
      }),
    );
    expect(outcomes).toEqual(Object.fromEntries(workflowTemplates.map((t) => [t.id, "completed"])));
  });
});
