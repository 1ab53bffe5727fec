import { Hourglass } from "lucide-react";
import { z } from "zod";
import { parseDuration } from "@/lib/document/duration";
import { hasExpression } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { defineNode } from "./types";

const durationText = z
  .string()
  .trim()
  .refine((s) => hasExpression(s) || parseDuration(s) !== null, 'Use a duration such as "10s", "5m" or "1h30m"');

/** A durable pause: the run sleeps in the engine (no process waits) and survives restarts. */
export const delayFlow = defineNode({
  type: "flow.delay",
  kind: "sleep",
  category: "flow",
  label: "Delay",
  description: "Wait for a duration, or until a point in time, before continuing.",
  icon: Hourglass,
  config: z
    .object({
      duration: durationText.optional().meta({ title: "Duration", description: 'For example "10s", "5m", "1h30m".', widget: "duration" }),
      until: z
        .string()
        .trim()
        .optional()
        .meta({ title: "Until", description: "An ISO 8601 timestamp or an expression giving one; used instead of a duration." }),
    })
    .refine((c) => Boolean(c.duration) !== Boolean(c.until), { message: "Set either a duration or an until time", path: ["duration"] }),
  defaults: { duration: "10s" },
  wakeAt(config, now) {
    if (config.until) {
      const at = new Date(String(config.until));
      if (Number.isNaN(at.getTime())) throw new NodeError(`"${config.until}" is not a timestamp`, { retriable: false });
      return at;
    }
    const ms = parseDuration(String(config.duration));
    if (ms === null) throw new NodeError(`"${config.duration}" is not a duration`, { retriable: false });
    return new Date(now.getTime() + ms);
  },
});
