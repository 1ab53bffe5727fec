import { ShoppingBag } from "lucide-react";
import { z } from "zod";
import { apiKeyAuth, defineAction, defineConnector, defineTrigger, signingSecretField, type ConnectorError, type ConnectorResponse } from "./define";

const SHOPIFY_API_VERSION = "2025-10";

/** Ids as Shopify's GraphQL API wants them: `gid://shopify/Order/123`, from a gid or the number alone (as the admin shows and REST webhooks send). */
const gid = (kind: string, id: string) => (id.startsWith("gid://") ? id : `gid://shopify/${kind}/${id.trim()}`);

/** Webhook topics people start workflows from, with readable names. */
const TOPICS = {
  ORDERS_CREATE: "Order created",
  ORDERS_PAID: "Order paid",
  ORDERS_FULFILLED: "Order fulfilled",
  ORDERS_CANCELLED: "Order cancelled",
  ORDERS_UPDATED: "Order updated",
  REFUNDS_CREATE: "Refund created",
  CUSTOMERS_CREATE: "Customer created",
  CUSTOMERS_UPDATE: "Customer updated",
  PRODUCTS_CREATE: "Product created",
  PRODUCTS_UPDATE: "Product updated",
  INVENTORY_LEVELS_UPDATE: "Inventory level changed",
} as const;

const ORDER_FIELDS = `id name email phone createdAt cancelledAt displayFinancialStatus displayFulfillmentStatus tags note
  totalPriceSet { shopMoney { amount currencyCode } }
  customer { id email firstName lastName }
  shippingAddress { name address1 address2 city province zip countryCodeV2 phone }
  lineItems(first: 100) { nodes { id title sku quantity originalUnitPriceSet { shopMoney { amount currencyCode } } } }`;

/** An order as ORDER_FIELDS select it, in the GraphQL Admin API's Order shape (https://shopify.dev/docs/api/admin-graphql/latest/objects/Order). */
const ORDER_SAMPLE = {
  id: "gid://shopify/Order/5940139491234",
  name: "#1001",
  email: "john.doe@example.com",
  phone: "+14155550100",
  createdAt: "2025-11-10T15:30:00Z",
  cancelledAt: null,
  displayFinancialStatus: "PAID",
  displayFulfillmentStatus: "UNFULFILLED",
  tags: ["wholesale"],
  note: "Please gift wrap",
  totalPriceSet: { shopMoney: { amount: "59.99", currencyCode: "USD" } },
  customer: { id: "gid://shopify/Customer/7741425221763", email: "john.doe@example.com", firstName: "John", lastName: "Doe" },
  shippingAddress: { name: "John Doe", address1: "150 Elgin Street", address2: "Suite 800", city: "Ottawa", province: "Ontario", zip: "K2P 1L4", countryCodeV2: "CA", phone: "+14155550100" },
  lineItems: {
    nodes: [{ id: "gid://shopify/LineItem/14497615544451", title: "The Multi-managed Snowboard", sku: "SNOW-MM-158", quantity: 1, originalUnitPriceSet: { shopMoney: { amount: "49.99", currencyCode: "USD" } } }],
  },
};

/** One GraphQL request to the Admin API. */
const graphql = (query: string, variables: Record<string, unknown>) => ({ method: "POST" as const, path: "/graphql.json", json: { query, variables } });

/** The answer's `data.<field>`, with connection lists (`{ nodes }`) as plain lists. */
const dataField = (field: string) => ({ body }: ConnectorResponse) => {
  const value = (body as { data?: Record<string, unknown> } | null)?.data?.[field];
  return value && typeof value === "object" && "nodes" in value ? value.nodes : (value ?? null);
};

/**
 * GraphQL answers 200 with `errors` (a bad query, THROTTLED with the cost and restore rate to wait
 * for) or with a mutation's `userErrors` (invalid input).
 */
function shopifyError({ body, status }: ConnectorResponse): ConnectorError | undefined {
  const answer = body as {
    errors?: string | { message?: string; extensions?: { code?: string } }[];
    data?: Record<string, { userErrors?: { field?: string[] | null; message?: string }[] } | null>;
    extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable?: number; restoreRate?: number } } };
  } | null;
  if (!answer || typeof answer !== "object") return status >= 400 ? { message: `HTTP ${status}` } : undefined;
  if (typeof answer.errors === "string") return { message: answer.errors };
  if (answer.errors?.length) {
    const throttled = answer.errors.some((e) => e.extensions?.code === "THROTTLED");
    const cost = answer.extensions?.cost;
    const wait = throttled && cost?.throttleStatus?.restoreRate ? (((cost.requestedQueryCost ?? 0) - (cost.throttleStatus.currentlyAvailable ?? 0)) / cost.throttleStatus.restoreRate) * 1000 : undefined;
    return { message: answer.errors.map((e) => e.message).join("; "), retriable: throttled, ...(wait && wait > 0 ? { retryAfterMs: Math.ceil(wait) } : {}) };
  }
  const userErrors = Object.values(answer.data ?? {}).flatMap((result) => result?.userErrors ?? []);
  if (userErrors.length) return { message: userErrors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ") };
  return status >= 400 ? { message: `HTTP ${status}` } : undefined;
}

/**
 * Shopify Admin GraphQL API (https://shopify.dev/docs/api/admin-graphql), the API Shopify asks new
 * integrations to use. A custom app's Admin API access token goes in `X-Shopify-Access-Token`; the
 * shop's own address is the connection's API base URL.
 */
export const shopify = defineConnector({
  id: "shopify",
  name: "Shopify",
  description: "Read and find orders, create customers and tag orders, customers and products.",
  icon: ShoppingBag,
  baseUrl: () => {
    throw new Error(`set the connection's API base URL to your shop's Admin API, https://<your-shop>.myshopify.com/admin/api/${SHOPIFY_API_VERSION}`);
  },
  // Shopify GraphQL: 100 cost points a second restored, about two queries.
  rateLimit: { requests: 2, per: "second" },
  auth: apiKeyAuth("X-Shopify-Access-Token", `A custom app's Admin API access token (shpat_…), with API base URL https://<your-shop>.myshopify.com/admin/api/${SHOPIFY_API_VERSION}.`),
  errorOf: shopifyError,
  actions: [
    defineAction({
      name: "getOrder",
      label: "Get order",
      description: "Read an order with its customer, address and line items.",
      props: { orderId: z.string().trim().min(1, "Give the order id").meta({ title: "Order id", description: "The number or gid://shopify/Order/…, e.g. {{ trigger.body.id }} from an order webhook." }) },
      defaults: { orderId: "{{ trigger.body.id }}" },
      request: (p) => graphql(`query GetOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: gid("Order", p.orderId) }),
      output: dataField("order"),
      sample: { data: { order: ORDER_SAMPLE } },
    }),
    defineAction({
      name: "findOrders",
      label: "Find orders",
      description: "Orders matching a search, newest first (e.g. financial_status:paid created_at:>2026-01-01).",
      props: {
        search: z.string().trim().optional().meta({ title: "Search", description: "Shopify's order search syntax; empty: all orders." }),
        limit: z.number().int().min(1).max(250).default(50).meta({ title: "How many" }),
      },
      defaults: { search: "financial_status:paid", limit: 50 },
      request: (p) => graphql(`query FindOrders($first: Int!, $query: String) { orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) { nodes { ${ORDER_FIELDS} } } }`, { first: p.limit, query: p.search || null }),
      output: dataField("orders"),
      sample: { data: { orders: { nodes: [ORDER_SAMPLE] } } },
    }),
    defineAction({
      name: "createCustomer",
      label: "Create customer",
      description: "Create a customer (customerCreate).",
      props: {
        email: z.string().trim().min(1, "Give the e-mail address").meta({ title: "E-mail" }),
        firstName: z.string().trim().optional().meta({ title: "First name" }),
        lastName: z.string().trim().optional().meta({ title: "Last name" }),
        phone: z.string().trim().optional().meta({ title: "Phone", description: "E.164, e.g. +14155550100." }),
        tags: z.array(z.string().trim().min(1)).optional().meta({ title: "Tags" }),
        note: z.string().optional().meta({ title: "Note", widget: "textarea" }),
      },
      defaults: { email: "{{ trigger.body.email }}" },
      request: (p) =>
        graphql("mutation CreateCustomer($input: CustomerInput!) { customerCreate(input: $input) { customer { id email firstName lastName phone tags createdAt } userErrors { field message } } }", {
          input: { email: p.email, ...(p.firstName ? { firstName: p.firstName } : {}), ...(p.lastName ? { lastName: p.lastName } : {}), ...(p.phone ? { phone: p.phone } : {}), ...(p.tags?.length ? { tags: p.tags } : {}), ...(p.note ? { note: p.note } : {}) },
        }),
      output: ({ body }) => (body as { data?: { customerCreate?: { customer?: unknown } } }).data?.customerCreate?.customer ?? null,
      sample: {
        data: {
          customerCreate: {
            customer: { id: "gid://shopify/Customer/7741425221763", email: "john.doe@example.com", firstName: "John", lastName: "Doe", phone: "+14155550100", tags: ["newsletter"], createdAt: "2025-11-10T15:30:00Z" },
            userErrors: [],
          },
        },
      },
    }),
    defineAction({
      name: "addTags",
      label: "Add tags",
      description: "Tag an order, a customer or a product (tagsAdd).",
      props: {
        resource: z.enum(["Order", "Customer", "Product"]).default("Order").meta({ title: "Tag a" }),
        id: z.string().trim().min(1, "Give the id").meta({ title: "Id", description: "The number or its gid://shopify/… id." }),
        tags: z.array(z.string().trim().min(1)).min(1, "Give at least one tag").meta({ title: "Tags" }),
      },
      defaults: { resource: "Order", id: "{{ trigger.body.id }}", tags: ["switchboard"] },
      request: (p) => graphql("mutation AddTags($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } } }", { id: gid(p.resource, p.id), tags: p.tags }),
      output: (_response, p) => ({ id: gid(p.resource, p.id), tags: p.tags }),
      sample: { data: { tagsAdd: { node: { id: "gid://shopify/Order/5940139491234" }, userErrors: [] } } },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onEvent",
      label: "On shop event",
      description: "Start when something happens in the shop: an order is created or paid, a customer signs up, a product changes… (a webhook subscription Shopify gets when the workflow goes live).",
      props: {
        topic: z.enum(Object.keys(TOPICS) as [keyof typeof TOPICS, ...(keyof typeof TOPICS)[]]).default("ORDERS_CREATE").meta({ title: "Event", optionLabels: TOPICS }),
        clientSecret: signingSecretField({ title: "App client secret", description: "Shopify signs every delivery with your app's client secret (the custom app's API credentials).", missing: "Enter the app's client secret" }),
      },
      defaults: { topic: "ORDERS_CREATE", clientSecret: "" },
      signature: "shopify",
      signingSecretProp: "clientSecret",
      // Shopify repeats a delivery's X-Shopify-Webhook-Id on every retry.
      dedup: { header: "X-Shopify-Webhook-Id" },
      register: {
        create: (p, target) =>
          graphql("mutation Subscribe($topic: WebhookSubscriptionTopic!, $subscription: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: $subscription) { webhookSubscription { id } userErrors { field message } } }", {
            topic: p.topic,
            subscription: { uri: target.url, format: "JSON" },
          }),
        read: ({ body }) => {
          const id = (body as { data?: { webhookSubscriptionCreate?: { webhookSubscription?: { id?: string } | null } } }).data?.webhookSubscriptionCreate?.webhookSubscription?.id;
          if (!id) throw new Error("Shopify's answer has no webhook subscription id");
          return { id };
        },
        remove: (_p, id) => graphql("mutation Unsubscribe($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } } }", { id }),
      },
      // An orders/create delivery: the order in the REST Admin API's JSON shape.
      sample: {
        id: 5940139491234,
        admin_graphql_api_id: "gid://shopify/Order/5940139491234",
        name: "#1001",
        order_number: 1001,
        email: "john.doe@example.com",
        phone: null,
        created_at: "2025-11-10T10:30:00-05:00",
        updated_at: "2025-11-10T10:30:00-05:00",
        currency: "USD",
        total_price: "59.99",
        subtotal_price: "49.99",
        total_tax: "0.00",
        total_discounts: "0.00",
        financial_status: "paid",
        fulfillment_status: null,
        tags: "wholesale",
        note: "Please gift wrap",
        order_status_url: "https://example-store.myshopify.com/73094004/orders/123456abcd/authenticate?key=abcdefg",
        customer: { id: 7741425221763, email: "john.doe@example.com", first_name: "John", last_name: "Doe", admin_graphql_api_id: "gid://shopify/Customer/7741425221763" },
        shipping_address: { first_name: "John", last_name: "Doe", name: "John Doe", address1: "150 Elgin Street", address2: "Suite 800", city: "Ottawa", province: "Ontario", zip: "K2P 1L4", country: "Canada", country_code: "CA", phone: "+14155550100" },
        line_items: [{ id: 14497615544451, admin_graphql_api_id: "gid://shopify/LineItem/14497615544451", title: "The Multi-managed Snowboard", sku: "SNOW-MM-158", quantity: 1, price: "49.99", product_id: 8469201158275, variant_id: 44858553761923 }],
      },
    }),
  ],
});
