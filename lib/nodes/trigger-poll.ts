import { RefreshCw } from "lucide-react";
import { z } from "zod";
import { parseDuration } from "@/lib/document/duration";
import { defineNode } from "./types";

const noTemplates = /^[^{}]*$/;
const FIELD_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

const intervalField = z
  .string()
  .trim()
  .regex(noTemplates, "No expressions here")
  .refine((s) => (parseDuration(s) ?? 0) >= 1000, 'A duration of at least 1s, such as "5m"')
  .default("5m")
  .meta({ title: "Poll every", widget: "duration" });

const emitExistingField = z.boolean().default(false).meta({
  title: "Emit existing items on the first poll",
  description: "Off: the first poll only remembers what is there; later polls start runs for new items.",
});

/** The fields every polling trigger has: the generic one and polled app triggers (lib/connectors/define.ts). */
export const polledTriggerFields = { interval: intervalField, emitExisting: emitExistingField };

export const pollConfigSchema = z
  .object({
    url: z
      .string()
      .trim()
      .regex(/^(https?:\/\/[^\s{}]+)?$/i, "Use an http:// or https:// URL")
      .default("")
      .meta({ title: "URL", description: "Called on every poll; nothing is polled until it is set.", placeholder: "https://api.example.com/orders" }),
    method: z.enum(["GET", "POST"]).default("GET").meta({ title: "Method" }),
    headers: z.record(z.string(), z.string().regex(noTemplates, "No expressions here")).optional().meta({ title: "Headers", widget: "keyvalue" }),
    authHeader: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]*$/, "A header name such as Authorization")
      .optional()
      .meta({ title: "Secret header", description: "A header whose value is stored encrypted, e.g. Authorization.", placeholder: "Authorization" }),
    authValue: z.string().optional().meta({ title: "Secret header value", description: 'e.g. "Bearer <token>". Stored encrypted.', widget: "secret" }),
    interval: intervalField,
    items: z.string().trim().default("$").meta({
      title: "Items",
      description: "JSONata over the response body that gives the list of items, e.g. data.orders ($ = the body itself).",
      widget: "jsonata",
    }),
    dedupBy: z.enum(["id", "cursor"]).default("id").meta({
      title: "New items are",
      description: "id: items whose id was not seen before. cursor: items whose cursor field is greater than the greatest seen.",
    }),
    idField: z.string().trim().regex(FIELD_PATH, "A field path such as id or data.id").default("id").meta({ title: "Id field", showWhen: { dedupBy: ["id"] } }),
    cursorField: z
      .string()
      .trim()
      .regex(FIELD_PATH, "A field path such as updatedAt")
      .optional()
      .meta({ title: "Cursor field", description: "A timestamp or increasing number, e.g. updatedAt.", showWhen: { dedupBy: ["cursor"] } }),
    emit: z.enum(["each", "batch"]).default("each").meta({ title: "Start", description: "each: one run per new item. batch: one run with all new items of a poll." }),
    emitExisting: emitExistingField,
  })
  .superRefine((value, ctx) => {
    if (value.dedupBy === "cursor" && !value.cursorField) ctx.addIssue({ code: "custom", path: ["cursorField"], message: "Name the cursor field" });
    if (value.authValue && !value.authHeader) ctx.addIssue({ code: "custom", path: ["authHeader"], message: "Name the header the secret goes in" });
  });

export type PollConfig = z.output<typeof pollConfigSchema>;

/** Output: `{ item, polledAt }` per new item, or `{ items, polledAt }` per batch. */
export const pollTrigger = defineNode({
  type: "trigger.poll",
  kind: "step",
  category: "trigger",
  label: "Poll an API",
  description: "Call an HTTP endpoint on an interval and start a run for each new item.",
  icon: RefreshCw,
  config: pollConfigSchema,
  defaults: { url: "", interval: "5m", items: "$", dedupBy: "id", idField: "id", emit: "each", emitExisting: false },
  jsonataFields: ["items"],
  async execute({ scope }) {
    return { output: scope.trigger };
  },
});
