import { Hash } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, defineTrigger, optionalChoicesField, signingSecretField } from "./define";

/** Slack Web API errors that can pass on another attempt; the others (channel_not_found, not_in_channel, invalid_auth…) cannot. */
const RETRIABLE_ERRORS = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** Events a Slack app can subscribe to that workflows start on most (https://docs.slack.dev/reference/events). */
const EVENTS = {
  message: "A message posted (message.channels, message.groups, message.im)",
  app_mention: "The app mentioned (@app)",
  reaction_added: "A reaction added",
  reaction_removed: "A reaction removed",
  member_joined_channel: "Someone joined a channel",
  channel_created: "A channel created",
  team_join: "A new member of the workspace",
  file_shared: "A file shared",
  pin_added: "A message pinned",
} as const;

interface SlackEventCallback {
  type?: string;
  challenge?: string;
  event?: { type?: string; channel?: string | { id?: string }; channel_id?: string; item?: { channel?: string }; bot_id?: string; subtype?: string };
}

/** The channel an event happened in, where its shape names one (messages, reactions' items, created channels). */
function channelOf(event: NonNullable<SlackEventCallback["event"]>): string | undefined {
  if (typeof event.channel === "string") return event.channel;
  return event.channel?.id ?? event.channel_id ?? event.item?.channel;
}

/**
 * Slack Web API (https://docs.slack.dev/reference/methods). Every method answers HTTP 200 with
 * `{ ok, error? }`; `ok: false` is a failure. Rate limits answer 429 with Retry-After.
 */
export const slack = defineConnector({
  id: "slack",
  name: "Slack",
  description: "Post messages, list channels and find people in a Slack workspace.",
  icon: Hash,
  baseUrl: "https://slack.com/api",
  // Slack: about one message a second per channel (chat.postMessage).
  rateLimit: { requests: 1, per: "second" },
  auth: bearerAuth("A Slack app's bot token (xoxb-…) in a Bearer token connection. Scopes: chat:write, channels:read (groups:read for private channels), users:read.email."),
  errorOf({ body, status }) {
    const answer = body as { ok?: unknown; error?: unknown; needed?: unknown } | null;
    if (answer && typeof answer === "object" && answer.ok === false) {
      const error = String(answer.error ?? "unknown_error");
      return { message: answer.needed ? `${error} (needs scope ${String(answer.needed)})` : error, retriable: status >= 500 || RETRIABLE_ERRORS.has(error) };
    }
    return undefined;
  },
  actions: [
    defineAction({
      name: "postMessage",
      label: "Post message",
      description: "Send a message to a channel, a private group or a DM (chat.postMessage).",
      props: {
        channel: z.string().trim().min(1, "Name a channel").meta({ title: "Channel", description: "A channel ID (C0123…) or name (#general), a user ID for a DM." }),
        text: z.string().max(40_000).optional().meta({ title: "Text", description: "The message; with blocks, the notification fallback.", widget: "textarea" }),
        blocks: z.unknown().optional().meta({ title: "Blocks", description: "Optional Block Kit blocks (a JSON list).", widget: "json" }),
        threadTs: z.string().trim().optional().meta({ title: "Reply in thread", description: "The parent message's ts, e.g. {{ steps.post_message_1.ts }}." }),
        replyBroadcast: z.boolean().optional().meta({ title: "Also send to the channel", description: "For thread replies." }),
        unfurlLinks: z.boolean().optional().meta({ title: "Unfurl links" }),
      },
      defaults: { channel: "#general", text: "New order {{ trigger.body.id }}" },
      request: (p) => ({
        method: "POST",
        path: "/chat.postMessage",
        json: {
          channel: p.channel,
          ...(p.text ? { text: p.text } : {}),
          ...(p.blocks ? { blocks: p.blocks } : {}),
          ...(p.threadTs ? { thread_ts: p.threadTs } : {}),
          ...(p.replyBroadcast !== undefined ? { reply_broadcast: p.replyBroadcast } : {}),
          ...(p.unfurlLinks !== undefined ? { unfurl_links: p.unfurlLinks } : {}),
        },
      }),
      sample: {
        ok: true,
        channel: "C123ABC456",
        ts: "1503435956.000247",
        message: {
          user: "U123ABC456",
          type: "message",
          ts: "1503435956.000247",
          bot_id: "B123ABC456",
          app_id: "A123ABC456",
          text: "New order 1001",
          team: "T123ABC456",
          bot_profile: { id: "B123ABC456", app_id: "A123ABC456", name: "Switchboard", team_id: "T123ABC456" },
        },
      },
    }),
    defineAction({
      name: "listConversations",
      label: "List channels",
      description: "List the workspace's channels, one page at a time (conversations.list).",
      props: {
        types: z
          .array(z.enum(["public_channel", "private_channel", "mpim", "im"]))
          .optional()
          .meta({ title: "Types", description: "Empty: public channels.", widget: "multiselect" }),
        excludeArchived: z.boolean().default(true).meta({ title: "Leave out archived channels" }),
        limit: z.number().int().min(1).max(1000).default(100).meta({ title: "Page size" }),
        cursor: z.string().trim().optional().meta({ title: "Cursor", description: "The previous page's response_metadata.next_cursor." }),
      },
      defaults: { excludeArchived: true, limit: 100 },
      request: (p) => ({
        method: "GET",
        path: "/conversations.list",
        query: { types: p.types?.length ? p.types.join(",") : undefined, exclude_archived: p.excludeArchived, limit: p.limit, cursor: p.cursor },
      }),
      output: ({ body }) => {
        const answer = body as { channels?: unknown[]; response_metadata?: { next_cursor?: string } };
        return { channels: answer.channels ?? [], nextCursor: answer.response_metadata?.next_cursor || null };
      },
      sample: {
        ok: true,
        channels: [
          {
            id: "C012AB3CD",
            name: "general",
            is_channel: true,
            is_group: false,
            is_im: false,
            is_mpim: false,
            is_private: false,
            created: 1449252889,
            creator: "U012A3CDE",
            is_archived: false,
            is_general: true,
            is_member: true,
            is_shared: false,
            is_ext_shared: false,
            is_org_shared: false,
            name_normalized: "general",
            num_members: 4,
            previous_names: [],
            purpose: { value: "This channel is for team-wide communication and announcements. All team members are in this channel.", creator: "", last_set: 0 },
            topic: { value: "Company-wide announcements and work-based matters", creator: "", last_set: 0 },
          },
        ],
        response_metadata: { next_cursor: "dGVhbTpDMDYxRkE1UEI=" },
      },
    }),
    defineAction({
      name: "lookupUserByEmail",
      label: "Find user by email",
      description: "Find a workspace member by their e-mail address (users.lookupByEmail).",
      props: {
        email: z.string().trim().min(1, "Enter an e-mail address").meta({ title: "E-mail" }),
      },
      defaults: { email: "{{ trigger.body.email }}" },
      request: (p) => ({ method: "GET", path: "/users.lookupByEmail", query: { email: p.email } }),
      output: ({ body }) => (body as { user?: unknown }).user ?? null,
      sample: {
        ok: true,
        user: {
          id: "W012A3CDE",
          team_id: "T012AB3C4",
          name: "spengler",
          deleted: false,
          color: "9f69e7",
          real_name: "Egon Spengler",
          tz: "America/Los_Angeles",
          tz_label: "Pacific Daylight Time",
          tz_offset: -25200,
          profile: {
            real_name: "Egon Spengler",
            display_name: "spengler",
            email: "spengler@ghostbusters.example.com",
            title: "Ghostbuster",
            phone: "",
            status_text: "Print is dead",
            status_emoji: ":books:",
            image_72: "https://avatars.slack-edge.com/2017-09-15/e3b51ca72dee4ef87916ae2b9240df50_72.jpg",
            image_192: "https://avatars.slack-edge.com/2017-09-15/e3b51ca72dee4ef87916ae2b9240df50_192.jpg",
          },
          is_admin: true,
          is_owner: false,
          is_primary_owner: false,
          is_restricted: false,
          is_ultra_restricted: false,
          is_bot: false,
          updated: 1502138686,
          has_2fa: false,
        },
      },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onEvent",
      label: "On event",
      description: "Start when something happens in Slack: a message, a mention of the app, a reaction, a new member… (the Events API of your Slack app).",
      props: {
        signingSecret: signingSecretField({ title: "Signing secret", description: "Your Slack app's Basic Information → App Credentials → Signing Secret: Slack signs every request with it.", missing: "Enter the app's signing secret" }),
        events: optionalChoicesField(EVENTS, { title: "Events", description: "Start only on these (the app must subscribe to them in Slack). Empty: every event Slack sends." }),
        channel: z.string().trim().optional().meta({ title: "Only in channel", description: "A channel ID (C0123…); empty: every channel the app is in." }),
        ignoreBots: z.boolean().default(true).meta({ title: "Leave out bots' messages", description: "Messages posted by bots, including this workflow's own replies, start no run (so a reply does not trigger the workflow again)." }),
      },
      defaults: { signingSecret: "", events: ["message", "app_mention"], ignoreBots: true },
      signature: "slack",
      signingSecretProp: "signingSecret",
      // A retried event (X-Slack-Retry-Num) keeps its event_id.
      dedup: { expression: "body.event_id" },
      setup:
        "In your app at api.slack.com/apps, open Event Subscriptions, switch Enable Events on and paste it as the Request URL (publish and switch the workflow on first: Slack checks it at once). Subscribe to the bot events chosen here (message.channels, app_mention…) and reinstall the app.",
      handshake: ({ body }) => {
        const request = body as SlackEventCallback | null;
        return request?.type === "url_verification" ? { challenge: request.challenge } : undefined;
      },
      accepts: (p, { body }) => {
        const callback = body as SlackEventCallback | null;
        const event = callback?.type === "event_callback" ? callback.event : undefined;
        if (!event) return false;
        if (p.events?.length && !(p.events as string[]).includes(event.type ?? "")) return false;
        if (p.channel && channelOf(event) !== p.channel) return false;
        return !(p.ignoreBots && (event.bot_id || event.subtype === "bot_message"));
      },
      sample: {
        token: "one-long-verification-token",
        team_id: "T123ABC456",
        api_app_id: "A123ABC456",
        event: {
          type: "message",
          channel: "C123ABC456",
          user: "U123ABC456",
          text: "Live long and prospect.",
          ts: "1355517523.000005",
          event_ts: "1355517523.000005",
          channel_type: "channel",
        },
        type: "event_callback",
        authorizations: [{ team_id: "T123ABC456", user_id: "U123ABC456", is_bot: false, is_enterprise_install: false }],
        event_id: "Ev123ABC456",
        event_time: 1355517523,
      },
    }),
  ],
});
