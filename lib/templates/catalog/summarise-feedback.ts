import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const summariseFeedback: WorkflowTemplate = {
  id: "summarise-feedback",
  name: "Summarise customer feedback with AI",
  description:
    "Ask a language model for a one-sentence summary, the sentiment and a topic of each piece of feedback, as JSON checked against a schema (a non-conforming answer is sent back to the model to fix). Negative feedback is posted to the team at once.",
  pattern: "ai",
  needs: "An AI model connection (OpenAI-compatible, Azure OpenAI or Anthropic); a feedback form calling its webhook URL.",
  tags: ["webhook", "ai", "branch", "chat"],
  document: {
    version: 1,
    name: "Summarise customer feedback with AI",
    nodes: [
      { id: "feedback", type: "trigger.webhook", name: "Feedback received", position: { x: 80, y: 160 }, config: {} },
      {
        id: "summarise",
        type: "ai.model",
        name: "Summarise and classify",
        position: { x: 380, y: 160 },
        config: {
          connectionId: "choose-your-ai-model-connection",
          system: "You read customer feedback for a software company. Answer with JSON only.",
          prompt: "Summarise this feedback in one sentence, rate its sentiment and name its main topic.\n\nFeedback from {{ trigger.body.email }}:\n{{ trigger.body.text }}",
          outputSchema: {
            type: "object",
            required: ["summary", "sentiment", "topic"],
            properties: {
              summary: { type: "string", maxLength: 300 },
              sentiment: { type: "string", enum: ["positive", "neutral", "negative"] },
              topic: { type: "string", enum: ["pricing", "bug", "feature-request", "support", "other"] },
            },
            additionalProperties: false,
          },
          temperature: 0,
          maxTokens: 300,
        },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 2000 } },
      },
      { id: "negative", type: "flow.if", name: "Negative?", position: { x: 680, y: 160 }, config: { condition: 'input.json.sentiment = "negative"' } },
      {
        id: "alert",
        type: "action.http",
        name: "Post to #customer-voice",
        position: { x: 980, y: 60 },
        config: {
          method: "POST",
          url: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
          body: { text: ":rotating_light: Unhappy {{ steps.summarise.json.topic }} feedback from {{ trigger.body.email }}: {{ steps.summarise.json.summary }}" },
          failOnErrorStatus: true,
          timeoutMs: 10_000,
        },
      },
    ],
    edges: [
      { id: "feedback-summarise", source: "feedback", target: "summarise" },
      { id: "summarise-negative", source: "summarise", target: "negative" },
      { id: "negative-alert", source: "negative", sourceHandle: "true", target: "alert" },
    ],
    pinData: {
      alert: httpAnswer("ok"),
      feedback: webhookRequest({ email: "ada@example.com", text: "The new export keeps timing out on large invoices and support has not answered in two days." }),
      summarise: {
        text: '{"summary":"Large invoice exports time out and support has been slow to respond.","sentiment":"negative","topic":"bug"}',
        json: { summary: "Large invoice exports time out and support has been slow to respond.", sentiment: "negative", topic: "bug" },
        model: "example-model",
        usage: { inputTokens: 92, outputTokens: 31 },
        attempts: 1,
        finishReason: "stop",
      },
    },
  },
};
