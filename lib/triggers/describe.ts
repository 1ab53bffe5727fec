import cronstrue from "cronstrue";
import { appTriggerOf, polledTriggerOf } from "@/lib/connectors";
import { pollConfigSchema } from "@/lib/nodes/trigger-poll";
import { scheduleConfigSchema } from "@/lib/nodes/trigger-schedule";
import { eventTriggerConfigSchema } from "@/lib/nodes/trigger-event";
import { webhookConfigSchema } from "@/lib/nodes/trigger-webhook";

const SCHEME_NAMES: Record<string, string> = { hmac: "HMAC", stripe: "Stripe", github: "GitHub", shopify: "Shopify", slack: "Slack", trello: "Trello", header: "secret header", basic: "Basic auth" };

/** One line saying what a trigger listens for, for the workflows list ("Every 15m", "order.*", ...). */
export function describeTrigger(type: string, config: unknown): string | null {
  switch (type) {
    case "trigger.schedule": {
      const parsed = scheduleConfigSchema.safeParse(config);
      if (!parsed.success) return null;
      if (parsed.data.mode === "interval") return `Every ${parsed.data.interval}`;
      try {
        return `${cronstrue.toString(parsed.data.cron ?? "", { use24HourTimeFormat: true })}${parsed.data.timezone !== "UTC" ? ` (${parsed.data.timezone})` : " (UTC)"}`;
      } catch {
        return parsed.data.cron ?? null;
      }
    }
    case "trigger.event": {
      const parsed = eventTriggerConfigSchema.safeParse(config);
      return parsed.success ? parsed.data.events.join(", ") : null;
    }
    case "trigger.poll": {
      const parsed = pollConfigSchema.safeParse(config);
      if (!parsed.success) return null;
      if (!parsed.data.url) return "No URL yet";
      let where = parsed.data.url;
      try {
        const url = new URL(parsed.data.url);
        where = `${url.host}${url.pathname === "/" ? "" : url.pathname}`;
      } catch {
        // keep the text
      }
      return `${where} every ${parsed.data.interval}`;
    }
    case "trigger.webhook": {
      const parsed = webhookConfigSchema.safeParse(config);
      if (!parsed.success) return null;
      const scheme = parsed.data.signature.scheme;
      return `${parsed.data.methods.join(", ")}${scheme === "none" ? "" : ` · ${SCHEME_NAMES[scheme]} signature`}`;
    }
    default: {
      const polled = polledTriggerOf(type, config);
      if (polled) return `${polled.trigger.poll.describe(polled.props)} every ${polled.interval}`;
      // Webhook app triggers (stripe.onEvent, trello.onAction…) listen for the events, actions or updates they name.
      const settings = (config ?? {}) as Record<string, unknown>;
      const named = ["events", "actions", "updates"].map((key) => settings[key]).find((value) => Array.isArray(value) && value.length) as unknown[] | undefined;
      return appTriggerOf(type) && named ? named.join(", ") : null;
    }
  }
}
