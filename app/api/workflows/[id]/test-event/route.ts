import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { startListening, stopListening, testEventState } from "@/lib/triggers/webhook/test-event";
import { webhookUrl } from "@/lib/workflow-store/present";

export const dynamic = "force-dynamic";

const testUrlFor = (request: Request) => (token: string) => `${webhookUrl(request, token)}/test`;

/**
 * The webhook trigger's "Listen for a test event": POST starts a 2-minute listening session on the
 * workflow's test URL, GET polls it (listening, captured with the trigger output, or expired),
 * DELETE stops it. Editors only, like the webhook URL itself: the test URL contains its token.
 */
export const POST = secured("editor", async (request, { params }: IdParams, access) =>
  json(await startListening(access.workspaceId, (await params).id, testUrlFor(request)), 201),
);

export const GET = secured("editor", async (request, { params }: IdParams, access) => json(await testEventState(access.workspaceId, (await params).id, testUrlFor(request))));

export const DELETE = secured("editor", async (_request, { params }: IdParams, access) => {
  await stopListening(access.workspaceId, (await params).id);
  return new Response(null, { status: 204 });
});
