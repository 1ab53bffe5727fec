import { route } from "@/lib/api/http";
import { fromFetchRequest, toFetchResponse } from "@/lib/triggers/webhook/exchange";
import { handleTestWebhook } from "@/lib/triggers/webhook/test-event";

export const dynamic = "force-dynamic";

type TokenParams = { params: Promise<{ token: string }> };

/**
 * A workflow's test URL: while its editor listens for a test event (POST /api/workflows/:id/test-event),
 * captures the next request as the webhook trigger's output without starting a run; 404 otherwise
 * (lib/triggers/webhook/test-event.ts).
 */
const handler = route(async (request, { params }: TokenParams) => toFetchResponse(await handleTestWebhook(fromFetchRequest(request), (await params).token)));

export const GET = handler;
export const PUT = handler;
export const POST = handler;
export const PATCH = handler;
export const DELETE = handler;
