import { describe, expect, it } from "vitest";
import { workflowTemplates } from "@/lib/templates";
import { connectionSlots, withConnections } from "@/lib/templates/connection-slots";

describe("template connections", () => {
  it("asks once per placeholder, with the types every node using it takes", () => {
    const queue = workflowTemplates.find((t) => t.id === "queue-dead-letter")!;
    expect(connectionSlots(queue.document)).toEqual([{ placeholder: "choose-your-queue-connection", types: ["amqp", "nats", "redis"], nodes: ["orders queue", "Publish to orders.dead-letter"] }]);
    const feedback = workflowTemplates.find((t) => t.id === "summarise-feedback")!;
    expect(connectionSlots(feedback.document)).toEqual([expect.objectContaining({ placeholder: "choose-your-ai-model-connection", types: ["aiModel"] })]);
    expect(connectionSlots(workflowTemplates.find((t) => t.id === "check-order-with-retries")!.document)).toEqual([]);
  });

  it("puts the chosen connection in every field holding its placeholder and leaves the rest", () => {
    const queue = workflowTemplates.find((t) => t.id === "queue-dead-letter")!;
    const document = withConnections(queue.document, { "choose-your-queue-connection": "conn_1" });
    expect(document.nodes.filter((n) => n.config.connectionId === "conn_1").map((n) => n.id)).toEqual(["orderMessage", "deadLetter"]);
    expect(withConnections(queue.document, {})).toEqual(queue.document);
    expect(queue.document.nodes[0].config.connectionId).toBe("choose-your-queue-connection");
  });
});
