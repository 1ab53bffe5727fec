import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const delayedFollowUp: WorkflowTemplate = {
  id: "delayed-follow-up",
  name: "Nudge the team 10 minutes after a sign-up",
  description: "When a trial starts, wait 10 minutes (durably, across restarts), then post a follow-up reminder to a chat channel.",
  pattern: "delay",
  needs: "A sign-up form calling its webhook URL; your chat's incoming-webhook URL.",
  tags: ["webhook", "delay", "chat"],
  document: {
    version: 1,
    name: "Nudge the team 10 minutes after a sign-up",
    nodes: [
      { id: "trialStarted", type: "trigger.webhook", name: "Trial started", position: { x: 80, y: 160 }, config: {} },
      { id: "wait", type: "flow.delay", name: "Wait 10 minutes", position: { x: 380, y: 160 }, config: { duration: "10m" } },
      {
        id: "notifyChannel",
        type: "action.http",
        name: "Post to #sales",
        position: { x: 680, y: 160 },
        config: {
          method: "POST",
          url: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
          body: {
            text: ":wave: {{ trigger.body.name }} ({{ trigger.body.email }}) started a trial 10 minutes ago. Time for a personal hello!",
          },
          failOnErrorStatus: true,
          timeoutMs: 10_000,
        },
      },
    ],
    edges: [
      { id: "trialStarted-wait", source: "trialStarted", target: "wait" },
      { id: "wait-notifyChannel", source: "wait", target: "notifyChannel" },
    ],
    pinData: {
      trialStarted: webhookRequest({ name: "Ada Lovelace", email: "ada@example.com", plan: "trial" }),
      wait: { sleptUntil: "2025-03-03T09:40:00.000Z" },
      notifyChannel: httpAnswer("ok"),
    },
  },
};
