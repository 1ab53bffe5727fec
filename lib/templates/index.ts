import { announcePayments } from "./catalog/announce-payments";
import { bulkUpdateContacts } from "./catalog/bulk-update-contacts";
import { checkOrderWithRetries } from "./catalog/check-order-with-retries";
import { customerFanOut } from "./catalog/customer-fan-out";
import { delayedFollowUp } from "./catalog/delayed-follow-up";
import { enrichLeads } from "./catalog/enrich-leads";
import { expenseApproval } from "./catalog/expense-approval";
import { forwardWebhookToApi } from "./catalog/forward-webhook-to-api";
import { importProductCsv } from "./catalog/import-product-csv";
import { largeOrderAlert } from "./catalog/large-order-alert";
import { orderContract } from "./catalog/order-contract";
import { orderSaga } from "./catalog/order-saga";
import { orderStatusApi } from "./catalog/order-status-api";
import { ordersToErpXml } from "./catalog/orders-to-erp-xml";
import { pollNewTickets } from "./catalog/poll-new-tickets";
import { priceQuoteAggregator } from "./catalog/price-quote-aggregator";
import { queueDeadLetter } from "./catalog/queue-dead-letter";
import { routeLeads } from "./catalog/route-leads";
import { shopifyOrderToCrm } from "./catalog/shopify-order-to-crm";
import { routeSupportTickets } from "./catalog/route-support-tickets";
import { shipPaidOrders } from "./catalog/ship-paid-orders";
import { shippingQuoteFallback } from "./catalog/shipping-quote-fallback";
import { summariseFeedback } from "./catalog/summarise-feedback";
import { verifiedWebhookReceiver } from "./catalog/verified-webhook-receiver";
import { warehouseBatchSync } from "./catalog/warehouse-batch-sync";
import { weeklySalesReport } from "./catalog/weekly-sales-report";
import { TEMPLATE_PATTERNS } from "./patterns";
import type { WorkflowTemplate } from "./types";

/**
 * The template gallery, in the order it is shown (grouped by pattern, in the order of
 * TEMPLATE_PATTERNS). Adding a template: one file in catalog/ and one line here.
 */
export const workflowTemplates: readonly WorkflowTemplate[] = [
  // Connect systems
  forwardWebhookToApi,
  customerFanOut,
  announcePayments,
  shipPaidOrders,
  enrichLeads,
  // Receive and serve
  verifiedWebhookReceiver,
  orderStatusApi,
  // Move data
  pollNewTickets,
  warehouseBatchSync,
  weeklySalesReport,
  priceQuoteAggregator,
  importProductCsv,
  ordersToErpXml,
  // Route and check
  routeSupportTickets,
  routeLeads,
  shopifyOrderToCrm,
  largeOrderAlert,
  orderContract,
  summariseFeedback,
  // Handle failure
  checkOrderWithRetries,
  queueDeadLetter,
  shippingQuoteFallback,
  bulkUpdateContacts,
  orderSaga,
  // Wait
  expenseApproval,
  delayedFollowUp,
];

/** The patterns that have templates, in gallery order. */
export const templatePatterns = TEMPLATE_PATTERNS.filter((pattern) => workflowTemplates.some((t) => t.pattern === pattern.id));

export { filterTemplates } from "./filter";
export { templatePattern, type TemplatePattern, type TemplatePatternId } from "./patterns";
export type { WorkflowTemplate } from "./types";
