import { route } from "@/lib/api/http";
import { countWebhookFailures } from "@/lib/metrics/webhooks";
import { handleWebhook } from "@/lib/triggers/webhook/handler";

export const dynamic = "force-dynamic";

type TokenParams = { params: Promise<{ token: string }> };

/**
 * A call to a workflow's webhook URL starts a run whose trigger output is `{ method, headers, query, body }`
 * (lib/triggers/webhook/handler.ts). Every method a webhook trigger can allow is routed here; the
 * trigger's `methods` decide which are accepted.
 */
const handler = route(countWebhookFailures(async (request, { params }: TokenParams) => handleWebhook(request, (await params).token)));

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
