import { Send } from "lucide-react";
import { z } from "zod";
import { defineAction, defineConnector, defineTrigger, pathKeyAuth, wholeNumberProp, type ConnectorError } from "./define";

const chatId = z.string().trim().min(1, "Name the chat").meta({ title: "Chat", description: "A chat id (-100… for groups and channels) or a public @channelusername." });
const parseMode = z.enum(["none", "HTML", "MarkdownV2"]).default("none").meta({ title: "Formatting", optionLabels: { none: "Plain text", HTML: "HTML", MarkdownV2: "MarkdownV2" } });
const silent = z.boolean().optional().meta({ title: "Send silently", description: "Users get a notification without sound." });
const caption = z.string().max(1024).optional().meta({ title: "Caption", widget: "textarea" });

const formatting = (mode: string) => (mode === "none" ? {} : { parse_mode: mode });

/** Telegram answers `{ ok: false, error_code, description, parameters: { retry_after } }`, with the error code as HTTP status. */
function telegramError({ body, status }: { body: unknown; status: number }): ConnectorError | undefined {
  const answer = body as { ok?: boolean; error_code?: number; description?: string; parameters?: { retry_after?: number } } | null;
  if (!answer || typeof answer !== "object" || answer.ok !== false) return undefined;
  const code = answer.error_code ?? status;
  const retryAfter = answer.parameters?.retry_after;
  return { message: answer.description ?? `error ${code}`, retriable: code === 429 || code >= 500, ...(retryAfter ? { retryAfterMs: retryAfter * 1000 } : {}) };
}

/** Update kinds a bot can be sent (allowed_updates). */
const UPDATES = ["message", "edited_message", "channel_post", "callback_query", "inline_query", "my_chat_member", "chat_member"] as const;

/** The Message a send answers with (`result`). */
const message = ({ body }: { body: unknown }) => (body as { result?: unknown } | null)?.result ?? body;

// The bot and a group chat as Message objects name them (https://core.telegram.org/bots/api#message).
const BOT = { id: 7123456789, is_bot: true, first_name: "Switchboard", username: "switchboard_bot" };
const CHAT = { id: -1001234567890, title: "Order alerts", type: "supergroup" };

/**
 * Telegram Bot API (https://core.telegram.org/bots/api). The bot token is part of every method's
 * URL (`/bot<token>/sendMessage`), so the connection sends its key in the URL path; every answer
 * is `{ ok, result }`.
 */
export const telegram = defineConnector({
  id: "telegram",
  name: "Telegram",
  description: "Send messages, photos and documents as your Telegram bot.",
  icon: Send,
  baseUrl: "https://api.telegram.org",
  // Telegram: about one message a second per chat.
  rateLimit: { requests: 1, per: "second" },
  testPath: "/bot{key}/getMe",
  auth: pathKeyAuth("The bot token @BotFather gave you (123456:ABC-…)."),
  errorOf: telegramError,
  actions: [
    defineAction({
      name: "sendMessage",
      label: "Send message",
      description: "Send a text message to a chat, group or channel (sendMessage).",
      props: {
        chatId,
        text: z.string().min(1, "Enter the message").max(4096).meta({ title: "Text", widget: "textarea" }),
        parseMode,
        replyToMessageId: wholeNumberProp({ title: "Reply to message id" }).optional(),
        disableLinkPreview: z.boolean().optional().meta({ title: "No link preview" }),
        silent,
      },
      defaults: { chatId: "", text: "New order {{ trigger.body.id }}", parseMode: "none" },
      request: (p) => ({
        method: "POST",
        path: "/bot{key}/sendMessage",
        json: {
          chat_id: p.chatId,
          text: p.text,
          ...formatting(p.parseMode),
          ...(p.replyToMessageId ? { reply_parameters: { message_id: Number(p.replyToMessageId) } } : {}),
          ...(p.disableLinkPreview ? { link_preview_options: { is_disabled: true } } : {}),
          ...(p.silent ? { disable_notification: true } : {}),
        },
      }),
      output: message,
      sample: { ok: true, result: { message_id: 42, from: BOT, chat: CHAT, date: 1746268800, text: "New order 1001" } },
    }),
    defineAction({
      name: "sendPhoto",
      label: "Send photo",
      description: "Send a photo by its URL or file id, with a caption (sendPhoto).",
      props: { chatId, photo: z.string().trim().min(1, "Give the photo's URL or file id").meta({ title: "Photo", description: "An https URL Telegram can fetch, or a file_id." }), caption, parseMode, silent },
      defaults: { chatId: "", photo: "", parseMode: "none" },
      request: (p) => ({ method: "POST", path: "/bot{key}/sendPhoto", json: { chat_id: p.chatId, photo: p.photo, ...(p.caption ? { caption: p.caption } : {}), ...formatting(p.parseMode), ...(p.silent ? { disable_notification: true } : {}) } }),
      output: message,
      sample: {
        ok: true,
        result: {
          message_id: 43,
          from: BOT,
          chat: CHAT,
          date: 1746268860,
          photo: [
            { file_id: "AgACAgQAAxkDAAMrZ2x7AAFQvL3mZ1bN0vW8cKkq3AACBbkxG0q1YVMAAQIAA3MAAzYE", file_unique_id: "AQADBbkxG0q1YVN4", width: 90, height: 60, file_size: 1385 },
            { file_id: "AgACAgQAAxkDAAMrZ2x7AAFQvL3mZ1bN0vW8cKkq3AACBbkxG0q1YVMAAQIAA3kAAzYE", file_unique_id: "AQADBbkxG0q1YVN-", width: 1280, height: 853, file_size: 98231 },
          ],
          caption: "Order 1001 is packed",
        },
      },
    }),
    defineAction({
      name: "sendDocument",
      label: "Send document",
      description: "Send a file (PDF, CSV…) by its URL or file id (sendDocument).",
      props: { chatId, document: z.string().trim().min(1, "Give the file's URL or file id").meta({ title: "Document", description: "An https URL Telegram can fetch, or a file_id." }), caption, parseMode, silent },
      defaults: { chatId: "", document: "", parseMode: "none" },
      request: (p) => ({ method: "POST", path: "/bot{key}/sendDocument", json: { chat_id: p.chatId, document: p.document, ...(p.caption ? { caption: p.caption } : {}), ...formatting(p.parseMode), ...(p.silent ? { disable_notification: true } : {}) } }),
      output: message,
      sample: {
        ok: true,
        result: {
          message_id: 44,
          from: BOT,
          chat: CHAT,
          date: 1746268920,
          document: { file_name: "invoice-1001.pdf", mime_type: "application/pdf", file_id: "BQACAgQAAxkDAAMsZ2x7bH2tQ0xFJ9m3h4Z6vCw1AAKQFQACSrVhUzJ0AAFwJ4aG7DYE", file_unique_id: "AgADkBUAAkq1YVM", file_size: 48213 },
          caption: "Invoice for order 1001",
        },
      },
    }),
    defineAction({
      name: "editMessageText",
      label: "Edit message",
      description: "Replace the text of a message the bot sent (editMessageText).",
      props: { chatId, messageId: wholeNumberProp({ title: "Message id", description: "e.g. {{ steps.send_message_1.message_id }}" }), text: z.string().min(1, "Enter the new text").max(4096).meta({ title: "Text", widget: "textarea" }), parseMode },
      defaults: { chatId: "", messageId: "", text: "", parseMode: "none" },
      request: (p) => ({ method: "POST", path: "/bot{key}/editMessageText", json: { chat_id: p.chatId, message_id: Number(p.messageId), text: p.text, ...formatting(p.parseMode) } }),
      output: message,
      sample: { ok: true, result: { message_id: 42, from: BOT, chat: CHAT, date: 1746268800, edit_date: 1746269100, text: "Order 1001 has shipped" } },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onUpdate",
      label: "On message",
      description: "Start when the bot receives a message, a button press or another update (the bot's webhook is set when the workflow goes live; a bot has one webhook, so one workflow per bot).",
      props: {
        updates: z.array(z.enum(UPDATES)).min(1, "Choose at least one kind of update").meta({ title: "Updates", widget: "multiselect" }),
      },
      defaults: { updates: ["message", "callback_query"] },
      // Telegram sends the secret_token it was given back in this header with every update.
      signature: { secretHeader: "X-Telegram-Bot-Api-Secret-Token" },
      dedup: { expression: "body.update_id" },
      register: {
        create: (p, target) => ({ method: "POST", path: "/bot{key}/setWebhook", json: { url: target.url, secret_token: target.secret, allowed_updates: p.updates } }),
        // A bot has one webhook and no id for it.
        read: () => ({ id: "webhook" }),
        remove: () => ({ method: "POST", path: "/bot{key}/deleteWebhook", json: { drop_pending_updates: false } }),
      },
      sample: {
        update_id: 524876123,
        message: {
          message_id: 101,
          from: { id: 123456789, is_bot: false, first_name: "Jane", last_name: "Smith", username: "janesmith", language_code: "en" },
          chat: { id: 123456789, first_name: "Jane", last_name: "Smith", username: "janesmith", type: "private" },
          date: 1746268800,
          text: "Where is my order?",
        },
      },
    }),
  ],
});
