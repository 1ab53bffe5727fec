import { checkOrderWithRetries } from "./catalog/check-order-with-retries";
import { delayedFollowUp } from "./catalog/delayed-follow-up";
import { forwardWebhookToApi } from "./catalog/forward-webhook-to-api";
import { largeOrderAlert } from "./catalog/large-order-alert";
import { orderSaga } from "./catalog/order-saga";
import { routeLeads } from "./catalog/route-leads";
import type { WorkflowTemplate } from "./types";

/** The template gallery, in the order it is shown. Adding a template: one file in catalog/ and one line here. */
export const workflowTemplates: readonly WorkflowTemplate[] = [forwardWebhookToApi, checkOrderWithRetries, delayedFollowUp, largeOrderAlert, routeLeads, orderSaga];

/** Every tag used by a template, alphabetically. */
export const templateTags: readonly string[] = [...new Set(workflowTemplates.flatMap((t) => t.tags))].sort();

export { filterTemplates } from "./filter";
export type { WorkflowTemplate } from "./types";
