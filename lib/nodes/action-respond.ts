import { Reply } from "lucide-react";
import { z } from "zod";
import { defineNode } from "./types";

/**
 * Sets the HTTP response of the webhook request that started the run, when the webhook trigger
 * is in `respond` mode and the request is still waiting. Anywhere else it does nothing and says so.
 */
export const respondAction = defineNode({
  type: "action.respond",
  kind: "step",
  category: "action",
  label: "Respond to webhook",
  description: "Answer the waiting webhook request with a status, headers and body.",
  icon: Reply,
  config: z.object({
    status: z
      .union([z.number().int().min(100).max(599), z.string().regex(/^\{\{.*\}\}$|^\d{3}$/s, "A status code such as 200")])
      .default(200)
      .meta({ title: "Status", widget: "text" }),
    headers: z.record(z.string(), z.string()).optional().meta({ title: "Headers", widget: "keyvalue" }),
    body: z.unknown().optional().meta({ title: "Body", description: "JSON (sent as application/json) or text.", widget: "json" }),
  }),
  defaults: { status: 200, body: { received: true } },
  async execute({ config, scope, services }) {
    const status = Number(config.status);
    const response = { status: Number.isInteger(status) && status >= 100 && status <= 599 ? status : 200, headers: config.headers ?? {}, body: config.body ?? null };
    const result = await services.respondToWebhook(scope.run.id, response);
    return { output: { ...result, ...response } };
  },
});
