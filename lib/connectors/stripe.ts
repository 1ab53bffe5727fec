import { CreditCard } from "lucide-react";
import { z } from "zod";
import { NodeError } from "@/lib/nodes/errors";
import { bearerAuth, defineAction, defineConnector, defineTrigger, path, wholeNumberProp } from "./define";

const metadata = z.record(z.string(), z.string()).optional().meta({ title: "Metadata", description: "Key-value pairs stored on the object.", widget: "keyvalue" });
const currency = z
  .string()
  .trim()
  .regex(/^([a-zA-Z]{3}|[\s\S]*\{\{[\s\S]*\}\}[\s\S]*)$/, "A three-letter ISO currency code, e.g. usd")
  .meta({ title: "Currency", description: "Three-letter ISO code, e.g. usd, eur." });

/**
 * Stripe API (https://docs.stripe.com/api). Bodies are form-encoded (nested fields in bracket
 * notation); creating requests send an Idempotency-Key derived from the run and node, so a retried
 * step never charges or refunds twice. Errors answer `{ error: { type, code, message } }`.
 */
export const stripe = defineConnector({
  id: "stripe",
  name: "Stripe",
  description: "Customers, payment intents, refunds and charges.",
  icon: CreditCard,
  baseUrl: "https://api.stripe.com",
  // Stripe: 25 requests a second in test mode (100 live).
  rateLimit: { requests: 25, per: "second" },
  testPath: "/v1/balance",
  auth: bearerAuth("A secret key (sk_live_… / sk_test_…) or a restricted key (rk_…) in a Bearer token connection."),
  idempotencyHeader: "Idempotency-Key",
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const error = (body as { error?: { type?: string; code?: string; message?: string } } | null)?.error;
    if (!error) return undefined;
    return { message: [error.type, error.code].filter(Boolean).join("/") + (error.message ? `: ${error.message}` : "") };
  },
  actions: [
    defineAction({
      name: "createCustomer",
      label: "Create customer",
      description: "Create a customer (POST /v1/customers).",
      props: {
        email: z.string().trim().optional().meta({ title: "E-mail" }),
        name: z.string().trim().optional().meta({ title: "Name" }),
        phone: z.string().trim().optional().meta({ title: "Phone" }),
        description: z.string().optional().meta({ title: "Description" }),
        metadata,
      },
      defaults: { email: "{{ trigger.body.email }}", name: "{{ trigger.body.name }}" },
      idempotent: true,
      request: (p) => ({ method: "POST", path: "/v1/customers", form: { email: p.email || undefined, name: p.name || undefined, phone: p.phone || undefined, description: p.description || undefined, metadata: p.metadata } }),
      sample: {
        id: "cus_NffrFeUfNV2Hib",
        object: "customer",
        address: null,
        balance: 0,
        created: 1680893993,
        currency: null,
        default_source: null,
        delinquent: false,
        description: null,
        email: "jennyrosen@example.com",
        invoice_prefix: "0759376C",
        invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
        livemode: false,
        metadata: {},
        name: "Jenny Rosen",
        phone: null,
        preferred_locales: [],
        shipping: null,
        tax_exempt: "none",
      },
    }),
    defineAction({
      name: "createPaymentIntent",
      label: "Create payment intent",
      description: "Start collecting a payment (POST /v1/payment_intents).",
      props: {
        amount: wholeNumberProp({ title: "Amount", description: "In the currency's smallest unit (cents for usd): 2000 is $20.00." }),
        currency,
        customer: z.string().trim().optional().meta({ title: "Customer", description: "A customer ID (cus_…), e.g. {{ steps.create_customer_1.id }}." }),
        description: z.string().optional().meta({ title: "Description" }),
        receiptEmail: z.string().trim().optional().meta({ title: "Receipt e-mail" }),
        automaticPaymentMethods: z.boolean().default(true).meta({ title: "Automatic payment methods", description: "Let Stripe offer the payment methods enabled in the Dashboard." }),
        metadata,
      },
      defaults: { amount: "{{ trigger.body.amount }}", currency: "usd", automaticPaymentMethods: true },
      idempotent: true,
      request: (p) => ({
        method: "POST",
        path: "/v1/payment_intents",
        form: {
          amount: p.amount,
          currency: p.currency.toLowerCase(),
          customer: p.customer || undefined,
          description: p.description || undefined,
          receipt_email: p.receiptEmail || undefined,
          automatic_payment_methods: p.automaticPaymentMethods ? { enabled: true } : undefined,
          metadata: p.metadata,
        },
      }),
      sample: {
        id: "pi_3MtwBwLkdIwHu7ix28a3tqPa",
        object: "payment_intent",
        amount: 2000,
        amount_capturable: 0,
        amount_received: 0,
        automatic_payment_methods: { enabled: true },
        canceled_at: null,
        capture_method: "automatic",
        client_secret: "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH",
        confirmation_method: "automatic",
        created: 1680800504,
        currency: "usd",
        customer: "cus_NffrFeUfNV2Hib",
        description: null,
        last_payment_error: null,
        latest_charge: null,
        livemode: false,
        metadata: {},
        next_action: null,
        payment_method: null,
        payment_method_types: ["card", "link"],
        receipt_email: null,
        status: "requires_payment_method",
      },
    }),
    defineAction({
      name: "createRefund",
      label: "Create refund",
      description: "Refund a payment intent or a charge, in full or in part (POST /v1/refunds).",
      props: {
        paymentIntent: z.string().trim().optional().meta({ title: "Payment intent", description: "pi_…; or give a charge." }),
        charge: z.string().trim().optional().meta({ title: "Charge", description: "ch_…; or give a payment intent." }),
        amount: wholeNumberProp({ title: "Amount", description: "Smallest currency unit; empty refunds everything not yet refunded." }).optional(),
        reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional().meta({ title: "Reason" }),
        metadata,
      },
      defaults: { paymentIntent: "{{ trigger.body.payment_intent }}" },
      idempotent: true,
      request: (p) => {
        if (!p.paymentIntent && !p.charge) throw new NodeError("Give a payment intent or a charge to refund", { retriable: false });
        return {
          method: "POST",
          path: "/v1/refunds",
          form: { payment_intent: p.paymentIntent || undefined, charge: p.charge || undefined, amount: p.amount || undefined, reason: p.reason, metadata: p.metadata },
        };
      },
      sample: {
        id: "re_1Nispe2eZvKYlo2Cd31jOCgZ",
        object: "refund",
        amount: 1000,
        balance_transaction: "txn_1Nispe2eZvKYlo2CYezqFhEx",
        charge: "ch_1NirD82eZvKYlo2CIvbtLWuY",
        created: 1692942318,
        currency: "usd",
        metadata: {},
        payment_intent: "pi_1GszsK2eZvKYlo2CfhZyoZLp",
        reason: null,
        receipt_number: null,
        status: "succeeded",
      },
    }),
    defineAction({
      name: "listCharges",
      label: "List charges",
      description: "List charges, newest first, one page at a time (GET /v1/charges).",
      props: {
        customer: z.string().trim().optional().meta({ title: "Customer", description: "Only this customer's charges (cus_…)." }),
        paymentIntent: z.string().trim().optional().meta({ title: "Payment intent", description: "Only this payment intent's charges (pi_…)." }),
        limit: z.number().int().min(1).max(100).default(10).meta({ title: "Page size" }),
        startingAfter: z.string().trim().optional().meta({ title: "Starting after", description: "The last charge ID of the previous page." }),
      },
      defaults: { limit: 10 },
      request: (p) => ({ method: "GET", path: "/v1/charges", query: { customer: p.customer, payment_intent: p.paymentIntent, limit: p.limit, starting_after: p.startingAfter } }),
      pages: {
        items: ({ body }) => (body as { data?: unknown[] }).data ?? [],
        next: ({ body }, request) => {
          const list = body as { data?: { id?: string }[]; has_more?: boolean };
          const last = list.data?.at(-1)?.id;
          return list.has_more && last ? { ...request, query: { ...request.query, starting_after: last } } : undefined;
        },
      },
      output: ({ body }) => {
        const list = body as { data?: { id?: string }[]; has_more?: boolean };
        const data = list.data ?? [];
        return { charges: data, hasMore: list.has_more === true, nextStartingAfter: list.has_more ? (data.at(-1)?.id ?? null) : null };
      },
      sample: {
        object: "list",
        url: "/v1/charges",
        has_more: false,
        data: [
          {
            id: "ch_3MmlLrLkdIwHu7ix0snN0B15",
            object: "charge",
            amount: 1099,
            amount_captured: 1099,
            amount_refunded: 0,
            balance_transaction: "txn_3MmlLrLkdIwHu7ix0uke3Ezy",
            billing_details: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null },
            captured: true,
            created: 1679090539,
            currency: "usd",
            customer: "cus_NffrFeUfNV2Hib",
            description: null,
            disputed: false,
            failure_code: null,
            failure_message: null,
            livemode: false,
            metadata: {},
            outcome: { network_status: "approved_by_network", reason: null, risk_level: "normal", seller_message: "Payment complete.", type: "authorized" },
            paid: true,
            payment_intent: "pi_3MmlLrLkdIwHu7ix0KfTaGfR",
            payment_method: "pm_1MmlLrLkdIwHu7ixIJwEWSNR",
            payment_method_details: { card: { brand: "visa", country: "US", exp_month: 3, exp_year: 2027, last4: "4242" }, type: "card" },
            receipt_email: null,
            receipt_url: "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xTTJKVGtMa2RJd0h1N2l4KOvG06AGMgZfBXyr1aw6LBa9vaaSRWU96d8qBwz9z2J_CObiV_H2",
            refunded: false,
            status: "succeeded",
          },
        ],
      },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onEvent",
      label: "On event",
      description: "Start when Stripe sends one of the chosen events (a webhook endpoint Stripe gets when the workflow goes live).",
      props: {
        events: z
          .array(z.string().trim().regex(/^(\*|[a-z_]+(\.[a-z_]+)+)$/, "An event type such as payment_intent.succeeded, or *"))
          .min(1, "Choose at least one event")
          .meta({ title: "Events", description: "e.g. payment_intent.succeeded, charge.refunded, customer.subscription.deleted; * for every event." }),
      },
      defaults: { events: ["payment_intent.succeeded"] },
      signature: "stripe",
      // A retried delivery carries the same event id.
      dedup: { expression: "body.id" },
      register: {
        create: (p, target) => ({ method: "POST", path: "/v1/webhook_endpoints", form: { url: target.url, enabled_events: p.events, description: "Switchboard workflow" } }),
        // Stripe issues the endpoint's signing secret (whsec_…) once, in the answer to its creation.
        read: ({ body }) => {
          const endpoint = body as { id?: string; secret?: string };
          if (!endpoint.id || !endpoint.secret) throw new Error("Stripe's answer has no endpoint id and secret");
          return { id: endpoint.id, secret: endpoint.secret };
        },
        remove: (_p, id) => ({ method: "DELETE", path: path`/v1/webhook_endpoints/${id}` }),
      },
      sample: {
        id: "evt_3MtwBwLkdIwHu7ix0Pq3qbDf",
        object: "event",
        api_version: "2024-06-20",
        created: 1680800561,
        data: {
          object: {
            id: "pi_3MtwBwLkdIwHu7ix28a3tqPa",
            object: "payment_intent",
            amount: 2000,
            amount_received: 2000,
            created: 1680800504,
            currency: "usd",
            customer: "cus_NffrFeUfNV2Hib",
            description: null,
            latest_charge: "ch_3MtwBwLkdIwHu7ix0snN0B15",
            livemode: false,
            metadata: {},
            payment_method: "pm_1MtwBwLkdIwHu7ixGq2xRBKc",
            receipt_email: "jennyrosen@example.com",
            status: "succeeded",
          },
        },
        livemode: false,
        pending_webhooks: 1,
        request: { id: "req_QyDCzhDwHx4yBT", idempotency_key: "6b4c1b3e-8f1d-4c59-9f0e-2f4a8d2c7b11" },
        type: "payment_intent.succeeded",
      },
    }),
  ],
});
