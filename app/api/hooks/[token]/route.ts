import { route } from "@/lib/api/http";
import { countWebhookFailures } from "@/lib/metrics/webhooks";
import { fromFetchRequest, toFetchResponse } from "@/lib/triggers/webhook/exchange";
import { handleWebhook } from "@/lib/triggers/webhook/handler";

export const dynamic = "force-dynamic";

type TokenParams = { params: Promise<{ token: string }> };

/**
 * A call to a workflow's webhook URL starts a run whose trigger output is `{ method, headers, query, body }`
 * (lib/triggers/webhook/handler.ts). Every method a webhook trigger can allow is routed here; the
 * trigger's `methods` decide which are accepted. `npm start` answers these URLs before Next.js
 * (lib/triggers/webhook/node-intake.ts) with the same pipeline; this route serves `next start`
 * and `next dev`.
 */
const handler = route(
  countWebhookFailures(async (request, { params }: TokenParams) => toFetchResponse(await handleWebhook(fromFetchRequest(request), (await params).token))),
);

export const GET = handler;
export const PUT = handler;
export const POST = handler;
export const PATCH = handler;
export const DELETE = handler;
