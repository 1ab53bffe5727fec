import { Radio } from "lucide-react";
import { z } from "zod";
import { parseDuration } from "@/lib/document/duration";
import { hasExpression } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { defineNode } from "./types";

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Pauses the run until an event with this name arrives (POST /api/events), optionally only one
 * whose field equals a value taken from the run's data. The event's data is the output; after
 * the timeout the run follows the `timeout` output instead.
 */
export const waitForEventFlow = defineNode({
  type: "flow.wait-for-event",
  kind: "wait",
  category: "flow",
  label: "Wait for event",
  description: "Pause until a matching event arrives, or follow “timeout”.",
  icon: Radio,
  config: z.object({
    event: z
      .string()
      .trim()
      .min(1, "Name the event")
      .regex(/^[^\s]+$/, "Event names have no spaces")
      .refine((name) => !/^(switchboard|inngest)\//.test(name), "This prefix is reserved")
      .meta({ title: "Event name", description: 'For example "order.paid".' }),
    matchField: z
      .string()
      .trim()
      .regex(FIELD_PATH, 'A field of the event, such as "data.orderId"')
      .optional()
      .meta({ title: "Match field", description: 'Only an event whose field (e.g. "data.orderId") equals the value below.' }),
    matchValue: z.unknown().optional().meta({ title: "Match value", description: "Usually an expression, e.g. {{ trigger.body.orderId }}.", widget: "text" }),
    timeout: z
      .string()
      .trim()
      .refine((s) => hasExpression(s) || parseDuration(s) !== null, 'Use a duration such as "30m" or "2d"')
      .meta({ title: "Timeout", widget: "duration" }),
  }),
  defaults: { event: "order.paid", matchField: "data.orderId", matchValue: "{{ trigger.body.orderId }}", timeout: "1h" },
  outputs: [
    { id: "main", label: "event" },
    { id: "timeout", label: "timeout" },
  ],
  waitFor(config) {
    const ms = parseDuration(config.timeout);
    if (ms === null || ms < 1000) throw new NodeError(`"${config.timeout}" is not a timeout of at least 1s`, { retriable: false });
    const value = config.matchValue ?? null;
    // Both engines compare scalars the same way; a list or object would be a CEL literal only Inngest reads.
    if (config.matchField && typeof value === "object" && value !== null) {
      throw new NodeError(`Match value must be text, a number, true/false or empty, not ${Array.isArray(value) ? "a list" : "an object"}`, { retriable: false });
    }
    const condition = config.matchField ? `async.${config.matchField} == ${JSON.stringify(value)}` : undefined;
    return { event: config.event, if: condition, timeout: new Date(Date.now() + ms).toISOString() };
  },
});
