import { BotMessageSquare } from "lucide-react";
import { z } from "zod";
import { apiKeyAuth, defineAction, defineConnector, path, type ConnectorError } from "./define";

const channelId = z.string().trim().regex(/^(\d+|[\s\S]*\{\{[\s\S]*\}\}[\s\S]*)$/, "A channel id (digits) or an {{ expression }}").meta({ title: "Channel id", description: "Right-click the channel with Developer Mode on → Copy Channel ID." });
const messageId = z.string().trim().min(1, "Give the message id").meta({ title: "Message id", description: "e.g. {{ steps.send_message_1.id }}" });

/** Discord errors are `{ code, message, errors? }`; a 429 says `retry_after` in seconds (fractions allowed). */
function discordError({ body, status }: { body: unknown; status: number }): ConnectorError | undefined {
  if (status < 400) return undefined;
  const answer = body as { code?: number; message?: string; retry_after?: number; errors?: unknown } | null;
  if (!answer || typeof answer !== "object" || !answer.message) return undefined;
  const detail = answer.errors ? ` ${JSON.stringify(answer.errors).slice(0, 300)}` : "";
  return { message: `${answer.message}${answer.code ? ` (code ${answer.code})` : ""}${detail}`, ...(answer.retry_after ? { retryAfterMs: Math.ceil(answer.retry_after * 1000) } : {}) };
}

/** An embed from the form's fields, or nothing when none is filled. */
function embedOf(p: { embedTitle?: string; embedDescription?: string; embedUrl?: string; embedColor?: string }) {
  if (!p.embedTitle && !p.embedDescription) return undefined;
  const color = p.embedColor ? Number.parseInt(p.embedColor.replace(/^#/, ""), 16) : undefined;
  return { ...(p.embedTitle ? { title: p.embedTitle } : {}), ...(p.embedDescription ? { description: p.embedDescription } : {}), ...(p.embedUrl ? { url: p.embedUrl } : {}), ...(color !== undefined && Number.isFinite(color) ? { color } : {}) };
}

/** A message the bot posted, abridged from the example message of Discord's reference (resources/message). */
const MESSAGE_SAMPLE = {
  id: "1187403126375231489",
  channel_id: "1187401745497645086",
  author: { id: "1187399212138328105", username: "switchboard", avatar: null, discriminator: "0", bot: true },
  content: "New order 1043",
  timestamp: "2025-03-14T09:26:53.114000+00:00",
  edited_timestamp: null,
  tts: false,
  mention_everyone: false,
  mentions: [],
  mention_roles: [],
  attachments: [],
  embeds: [{ type: "rich", title: "Order 1043", description: "2 items, 59.90 EUR", url: "https://shop.example.com/orders/1043", color: 5793266 }],
  pinned: false,
  type: 0,
  flags: 0,
};

/**
 * Discord REST API v10 (https://discord.com/developers/docs/reference) as a bot: the bot token in
 * `Authorization: Bot <token>`; the bot must be in the server with permission to post there.
 */
export const discord = defineConnector({
  id: "discord",
  name: "Discord",
  description: "Post, edit and react to messages and start threads as your Discord bot.",
  icon: BotMessageSquare,
  baseUrl: "https://discord.com/api/v10",
  // Discord: 5 messages per 5 seconds per channel.
  rateLimit: { requests: 1, per: "second" },
  testPath: "/users/@me",
  auth: apiKeyAuth("Authorization", "Your bot's token (Developer Portal → Bot → Reset Token).", "Bot {key}"),
  errorOf: discordError,
  actions: [
    defineAction({
      name: "sendMessage",
      label: "Send message",
      description: "Post a message, optionally with an embed, to a channel (POST /channels/{id}/messages).",
      props: {
        channelId,
        content: z.string().max(2000).optional().meta({ title: "Message", widget: "textarea" }),
        embedTitle: z.string().max(256).optional().meta({ title: "Embed title" }),
        embedDescription: z.string().max(4096).optional().meta({ title: "Embed text", widget: "textarea" }),
        embedUrl: z.string().trim().optional().meta({ title: "Embed link" }),
        embedColor: z.string().trim().regex(/^(#?[0-9a-fA-F]{6})?$/, "A colour such as #5865F2").optional().meta({ title: "Embed colour", placeholder: "#5865F2" }),
        mentionEveryone: z.boolean().optional().meta({ title: "Allow @everyone and role mentions", description: "Off: mentions in the text show but do not ping anyone but the users named." }),
      },
      defaults: { channelId: "", content: "New order {{ trigger.body.id }}" },
      request: (p) => {
        const embed = embedOf(p);
        if (!p.content && !embed) throw new Error("Write a message or an embed");
        return {
          method: "POST",
          path: path`/channels/${p.channelId}/messages`,
          json: { ...(p.content ? { content: p.content } : {}), ...(embed ? { embeds: [embed] } : {}), allowed_mentions: { parse: p.mentionEveryone ? ["users", "roles", "everyone"] : ["users"] } },
        };
      },
      sample: MESSAGE_SAMPLE,
    }),
    defineAction({
      name: "editMessage",
      label: "Edit message",
      description: "Replace the text of a message the bot sent (PATCH /channels/{id}/messages/{id}).",
      props: { channelId, messageId, content: z.string().min(1, "Enter the new text").max(2000).meta({ title: "Message", widget: "textarea" }) },
      defaults: { channelId: "", messageId: "", content: "" },
      request: (p) => ({ method: "PATCH", path: path`/channels/${p.channelId}/messages/${p.messageId}`, json: { content: p.content } }),
      sample: { ...MESSAGE_SAMPLE, content: "Order 1043 shipped", edited_timestamp: "2025-03-14T10:02:11.482000+00:00" },
    }),
    defineAction({
      name: "addReaction",
      label: "Add reaction",
      description: "React to a message with an emoji (PUT …/reactions/{emoji}/@me).",
      props: { channelId, messageId, emoji: z.string().trim().min(1, "Choose an emoji").meta({ title: "Emoji", description: "A Unicode emoji (✅) or a custom one as name:id." }) },
      defaults: { channelId: "", messageId: "", emoji: "✅" },
      request: (p) => ({ method: "PUT", path: path`/channels/${p.channelId}/messages/${p.messageId}/reactions/${p.emoji}/@me` }),
      output: () => ({ reacted: true }),
      sample: null,
      sampleStatus: 204,
    }),
    defineAction({
      name: "createThread",
      label: "Start thread",
      description: "Start a thread from a message (POST …/messages/{id}/threads).",
      props: {
        channelId,
        messageId,
        name: z.string().trim().min(1, "Name the thread").max(100).meta({ title: "Thread name" }),
        autoArchiveMinutes: z.enum(["60", "1440", "4320", "10080"]).default("1440").meta({ title: "Archive after no activity for", optionLabels: { "60": "1 hour", "1440": "1 day", "4320": "3 days", "10080": "1 week" } }),
      },
      defaults: { channelId: "", messageId: "", name: "Order {{ trigger.body.id }}", autoArchiveMinutes: "1440" },
      request: (p) => ({ method: "POST", path: path`/channels/${p.channelId}/messages/${p.messageId}/threads`, json: { name: p.name, auto_archive_duration: Number(p.autoArchiveMinutes) } }),
      // The thread channel, abridged from the example thread channel of Discord's reference (resources/channel).
      sample: {
        id: "1187403126375231489",
        guild_id: "1187398563795947530",
        parent_id: "1187401745497645086",
        owner_id: "1187399212138328105",
        name: "Order 1043",
        type: 11,
        last_message_id: null,
        message_count: 0,
        member_count: 1,
        rate_limit_per_user: 0,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: "2025-03-14T09:27:02.318000+00:00", locked: false, create_timestamp: "2025-03-14T09:27:02.318000+00:00" },
        total_message_sent: 0,
        flags: 0,
      },
    }),
  ],
});
