import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

export const pollNewTickets: WorkflowTemplate = {
  id: "poll-new-tickets",
  name: "Post new support tickets to chat (polling)",
  description:
    "For a system without webhooks: ask its API every 5 minutes for open tickets and start one run per ticket whose id has not been seen before. The first poll only remembers what is there, so you are not flooded with old tickets.",
  pattern: "polling",
  needs: "Your help desk API's URL (and token, in the secret header); your chat's incoming-webhook URL.",
  tags: ["poll", "dedup", "chat"],
  document: {
    version: 1,
    name: "Post new support tickets to chat (polling)",
    nodes: [
      {
        id: "newTicket",
        type: "trigger.poll",
        name: "New open ticket",
        position: { x: 80, y: 160 },
        config: {
          url: "https://helpdesk.example.com/api/v2/tickets?status=open&sort=created_at",
          method: "GET",
          headers: { Accept: "application/json" },
          interval: "5m",
          items: "tickets",
          dedupBy: "id",
          idField: "id",
          emit: "each",
          emitExisting: false,
        },
      },
      {
        id: "message",
        type: "transform.map",
        name: "Write message",
        position: { x: 380, y: 160 },
        config: {
          expression: '{ "text": ":ticket: #" & trigger.item.id & " " & trigger.item.subject & " (" & trigger.item.priority & ") from " & trigger.item.requester.email }',
        },
      },
      {
        id: "postMessage",
        type: "action.http",
        name: "Post to #support",
        position: { x: 680, y: 160 },
        config: { method: "POST", url: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", body: "{{ steps.message }}", failOnErrorStatus: true, timeoutMs: 10_000 },
      },
    ],
    edges: [
      { id: "newTicket-message", source: "newTicket", target: "message" },
      { id: "message-postMessage", source: "message", target: "postMessage" },
    ],
    pinData: {
      postMessage: httpAnswer("ok"),
      newTicket: { item: { id: 4812, subject: "Cannot export invoices", priority: "high", requester: { email: "ada@example.com" } }, polledAt: "2025-03-03T09:35:00.000Z" },
    },
  },
};
