import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowDocument } from "@/lib/document/schema";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { createWorkflow, startManualRun, waitForRun } from "../support/workflows";

/** Three If nodes side by side after one trigger: version 1 (JSONata) and version 2 (conditions built in the form), each with a node on each branch. */
function ifVersions(): WorkflowDocument {
  const position = { x: 0, y: 0 };
  const mark = (id: string) => ({ id, type: "transform.set", position, config: { from: "{}", changes: [{ op: "set", field: "reached", value: id }] } });
  const ifs = [
    { id: "big_v1", type: "flow.if", position, config: { condition: "trigger.amount > 1000" } },
    { id: "big_v2", type: "flow.if", typeVersion: 2, position, config: { conditions: [{ left: "{{ trigger.amount }}", operator: "greaterThan", right: "1000" }], combine: "and" } },
    {
      id: "german_vip_v2",
      type: "flow.if",
      typeVersion: 2,
      position,
      config: { conditions: [{ left: "{{ trigger.country }}", operator: "equals", right: "DE" }, { left: "{{ trigger.tags }}", operator: "contains", right: "vip" }], combine: "and" },
    },
  ];
  return {
    version: 1,
    name: "If versions",
    nodes: [{ id: "start", type: "trigger.manual", position, config: {} }, ...ifs, ...ifs.flatMap((n) => [mark(`${n.id}_yes`), mark(`${n.id}_no`)])],
    edges: ifs.flatMap((n) => [
      { id: `to_${n.id}`, source: "start", target: n.id },
      { id: `${n.id}_t`, source: n.id, sourceHandle: "true", target: `${n.id}_yes` },
      { id: `${n.id}_f`, source: n.id, sourceHandle: "false", target: `${n.id}_no` },
    ]),
  };
}

describe.each(DATABASES)("node type versions on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("runs each node with the version of its type it names: a stored version-1 If and new version-2 Ifs in one workflow", async () => {
    const { id } = await createWorkflow(server, ifVersions());
    const reached = async (payload: unknown) => {
      const run = await waitForRun(server, await startManualRun(server, id, payload));
      expect(run.status).toBe("completed");
      return run.steps.filter((s) => s.nodeId.endsWith("_yes") || s.nodeId.endsWith("_no")).filter((s) => s.status === "completed").map((s) => s.nodeId).sort();
    };
    expect(await reached({ amount: 1500, country: "DE", tags: ["vip", "b2b"] })).toEqual(["big_v1_yes", "big_v2_yes", "german_vip_v2_yes"]);
    expect(await reached({ amount: 999, country: "DE", tags: ["b2b"] })).toEqual(["big_v1_no", "big_v2_no", "german_vip_v2_no"]);
    const stored = await server.api<{ document: WorkflowDocument }>(`/api/workflows/${id}`);
    expect(stored.body.document.nodes.filter((n) => n.type === "flow.if").map((n) => n.typeVersion)).toEqual([undefined, 2, 2]);
  });

  it("refuses a version the instance does not have, and a config of another version, naming the field", async () => {
    const document = ifVersions();
    const refused = await server.api<{ issues: { path: string; message: string }[] }>("/api/workflows", { body: { ...document, nodes: document.nodes.map((n) => (n.id === "big_v2" ? { ...n, typeVersion: 7 } : n)) } });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: "nodes.2.typeVersion", message: expect.stringContaining('"flow.if" has no version 7 here (the latest is 2)') })]);
    const mixed = await server.api<{ issues: { path: string; message: string }[] }>("/api/workflows", { body: { ...document, nodes: document.nodes.map((n) => (n.id === "big_v1" ? { ...n, typeVersion: 2 } : n)) } });
    expect(mixed.status).toBe(400);
    expect(mixed.body.issues.map((i) => i.path)).toContain("nodes.1.config.conditions");
  });
});
