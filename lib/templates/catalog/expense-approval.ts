import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

const CHAT = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

export const expenseApproval: WorkflowTemplate = {
  id: "expense-approval",
  name: "Approve expenses over €500",
  description:
    "Small expenses are paid at once. Larger ones are posted for a manager, and the run waits durably (up to 3 days) for an expense.decided event with the same expense id, sent by your approval page or POST /api/events. Approved: paid; rejected: the submitter is told; no answer: escalated.",
  pattern: "human-approval",
  needs: "Your expense tool calling its webhook URL; an approval page that publishes expense.decided; your payout API URL.",
  tags: ["webhook", "wait", "events", "branch"],
  document: {
    version: 1,
    name: "Approve expenses over €500",
    nodes: [
      { id: "expense", type: "trigger.webhook", name: "Expense submitted", position: { x: 80, y: 200 }, config: {} },
      { id: "needsApproval", type: "flow.if", name: "Over €500?", position: { x: 380, y: 200 }, config: { condition: "trigger.body.amount > 500" } },
      {
        id: "askManager",
        type: "action.http",
        name: "Ask the manager",
        position: { x: 680, y: 100 },
        config: {
          method: "POST",
          url: CHAT,
          body: { text: ":receipt: {{ trigger.body.submittedBy }} asks for €{{ trigger.body.amount }} ({{ trigger.body.description }}). Decide: https://expenses.example.com/decide/{{ trigger.body.id }}" },
          failOnErrorStatus: true,
          timeoutMs: 10_000,
        },
      },
      {
        id: "decision",
        type: "flow.wait-for-event",
        name: "Wait for the decision",
        position: { x: 980, y: 100 },
        config: { event: "expense.decided", matchField: "data.expenseId", matchValue: "{{ trigger.body.id }}", timeout: "3d" },
      },
      { id: "approved", type: "flow.if", name: "Approved?", position: { x: 1280, y: 20 }, config: { condition: "input.approved = true" } },
      {
        id: "escalate",
        type: "action.http",
        name: "Escalate to finance",
        position: { x: 1280, y: 220 },
        config: { method: "POST", url: CHAT, body: { text: ":alarm_clock: Expense {{ trigger.body.id }} (€{{ trigger.body.amount }}) has waited 3 days for a decision." }, failOnErrorStatus: true, timeoutMs: 10_000 },
      },
      {
        id: "pay",
        type: "action.http",
        name: "Pay out",
        position: { x: 1580, y: -60 },
        config: { method: "POST", url: "https://payouts.example.com/v1/expenses/{{ trigger.body.id }}/pay", idempotencyKey: true, failOnErrorStatus: true, timeoutMs: 15_000 },
        settings: { retry: { maxAttempts: 5, backoff: "exponential", initialDelayMs: 2000 } },
      },
      {
        id: "tellRejected",
        type: "action.http",
        name: "Tell the submitter",
        position: { x: 1580, y: 100 },
        config: { method: "POST", url: CHAT, body: { text: "Expense {{ trigger.body.id }} was rejected by {{ steps.decision.by }}: {{ steps.decision.reason }}" }, failOnErrorStatus: true, timeoutMs: 10_000 },
      },
    ],
    edges: [
      { id: "expense-needsApproval", source: "expense", target: "needsApproval" },
      { id: "needsApproval-askManager", source: "needsApproval", sourceHandle: "true", target: "askManager" },
      { id: "needsApproval-pay", source: "needsApproval", sourceHandle: "false", target: "pay" },
      { id: "askManager-decision", source: "askManager", target: "decision" },
      { id: "decision-approved", source: "decision", target: "approved" },
      { id: "decision-escalate", source: "decision", sourceHandle: "timeout", target: "escalate" },
      { id: "approved-pay", source: "approved", sourceHandle: "true", target: "pay" },
      { id: "approved-tellRejected", source: "approved", sourceHandle: "false", target: "tellRejected" },
    ],
    pinData: {
      askManager: httpAnswer("ok"),
      escalate: httpAnswer("ok"),
      pay: httpAnswer({ payout: "po_8841", status: "scheduled" }, 202),
      tellRejected: httpAnswer("ok"),
      expense: webhookRequest({ id: "exp_3301", amount: 740, description: "Conference ticket", submittedBy: "Grace Hopper" }),
      decision: { expenseId: "exp_3301", approved: true, by: "Alan Turing", reason: "Budgeted" },
    },
  },
};
