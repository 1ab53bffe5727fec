import { MessageSquare } from "lucide-react";
import { z } from "zod";
import { NodeError } from "./errors";
import { circuitFallbackField } from "./outbound-fields";
import { defineNode } from "./types";

/**
 * Posts a message to a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat,
 * Discord's /slack endpoint). The webhook URL is a secret: stored encrypted, never shown again.
 * Output: `{ status, body }`.
 */
export const chatMessageAction = defineNode({
  type: "action.chat-message",
  kind: "step",
  category: "action",
  label: "Chat message",
  description: "Post a message to a Slack-compatible incoming webhook.",
  icon: MessageSquare,
  config: z.object({
    webhookUrl: z
      .string()
      .trim()
      .min(1, "Paste the webhook URL")
      .meta({ title: "Webhook URL", description: "Stored encrypted; it is a secret (anyone with it can post).", widget: "secret" }),
    text: z.string().min(1, "Write the message").max(40_000).meta({ title: "Message", widget: "textarea" }),
    username: z.string().trim().optional().meta({ title: "Post as", description: "A display name, where the chat allows it." }),
    iconEmoji: z.string().trim().optional().meta({ title: "Icon emoji", description: 'For example ":robot_face:".' }),
    channel: z.string().trim().optional().meta({ title: "Channel", description: "Overrides the webhook's channel, where the chat allows it." }),
    blocks: z.unknown().optional().meta({ title: "Blocks", description: "Optional Slack Block Kit blocks (JSON list).", widget: "json" }),
    circuitFallback: circuitFallbackField,
  }),
  defaults: { webhookUrl: "", text: "New order {{ trigger.body.id }}" },
  async execute({ config, services, signal }) {
    let url: URL;
    try {
      url = new URL(config.webhookUrl);
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
    } catch {
      throw new NodeError("The webhook URL is not an http(s) URL", { retriable: false });
    }
    const payload = {
      text: config.text,
      ...(config.username ? { username: config.username } : {}),
      ...(config.iconEmoji ? { icon_emoji: config.iconEmoji } : {}),
      ...(config.channel ? { channel: config.channel } : {}),
      ...(config.blocks ? { blocks: config.blocks } : {}),
    };
    let response: Response;
    try {
      response = await services.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload), signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) });
    } catch (error) {
      if (error instanceof NodeError) throw error;
      throw new NodeError(`Posting to the chat webhook failed: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      const retriable = response.status >= 500 || response.status === 429 || response.status === 408;
      throw new NodeError(`The chat webhook answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`, { retriable });
    }
    return { output: { status: response.status, body: text } };
  },
});
