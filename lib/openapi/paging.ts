import type { ConnectorRequest, ConnectorResponse } from "@/lib/connectors/define";
import { linkHeaderNext } from "@/lib/nodes/action-http";
import { valueAtPath } from "@/lib/nodes/outbound-fields";
import type { ApiPaging, ApiParameter, ApiSchema } from "./model";

/**
 * "All pages" for imported list operations. OpenAPI has no standard way to say how an answer
 * leads to the next page, so the import recognises the conventions APIs document (hand-written:
 * no library reads paging from OpenAPI documents). A GET whose answer holds a list of items pages:
 * - by a `Link` header the success response declares (GitHub: `rel="next"`);
 * - by a next URL in the body (`next`, `next_url`, `links.next`, `_links.next.href`, Twilio's
 *   `next_page_uri`…);
 * - by a cursor: a query parameter such as `cursor`, `after`, `page_token` or `offset` whose next
 *   value the body returns (`next_cursor`, `response_metadata.next_cursor`, `paging.next.after`,
 *   Airtable's `offset`…).
 * Anything else (page numbers, Stripe's `starting_after` the last item's id) is not guessed.
 */

const ITEM_LIST_NAMES = ["data", "items", "results", "records", "entries", "values", "elements", "value"];
const CURSOR_PARAMS = ["cursor", "after", "page_token", "pageToken", "next_token", "nextToken", "continuation", "continuationToken", "marker", "offset"];
const NEXT_CURSOR_NAMES = ["next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken", "next_marker", "nextMarker"];
const NEXT_URL_NAMES = ["next", "next_url", "nextUrl", "next_link", "nextLink", "next_page_url", "next_page_uri", "nextPageUrl"];
/** How deep in the answer a cursor or next link is looked for (`paging.next.after` is three). */
const SEARCH_DEPTH = 3;

/** How the pages of an operation follow each other, or undefined when the document does not say in a way recognised here. */
export function detectPaging(method: string, parameters: readonly ApiParameter[], output: ApiSchema | undefined, linkHeader: boolean): ApiPaging | undefined {
  if (method !== "GET" || !output) return undefined;
  const items = itemsPath(output);
  if (items === undefined) return undefined;
  if (linkHeader) return { items, next: { kind: "link" } };
  const fields = scalarFields(output, "", SEARCH_DEPTH);
  const paths = fields.map((f) => f.path);
  // A next link is text: a `next` that is a page number or a flag is not one.
  const texts = fields.filter((f) => f.type === undefined || f.type === "string").map((f) => f.path);
  const url = NEXT_URL_NAMES.map((name) => texts.find((p) => lastName(p) === name)).find(Boolean) ?? texts.find((p) => p.endsWith("_links.next.href") || p === "links.next");
  if (url) return { items, next: { kind: "url", path: url } };
  for (const param of parameters.filter((p) => p.in === "query" && CURSOR_PARAMS.includes(p.name))) {
    const names = [param.name, `next_${param.name}`, `next${param.name[0].toUpperCase()}${param.name.slice(1)}`, ...NEXT_CURSOR_NAMES];
    const cursor = names.map((name) => paths.find((p) => lastName(p) === name)).find(Boolean);
    if (cursor) return { items, next: { kind: "cursor", path: cursor, param: param.name } };
  }
  return undefined;
}

/** The items of one page's answer. */
export function pageItems(paging: ApiPaging, body: unknown): unknown[] {
  const items = valueAtPath(body, paging.items);
  return Array.isArray(items) ? items : [];
}

/**
 * The request for the page after `response` (`request` fetched it from `baseUrl`), or undefined
 * after the last page. A next link outside the API's base URL is not followed: the connection's
 * credentials go only to the API.
 */
export function nextPageRequest(paging: ApiPaging, request: ConnectorRequest, response: ConnectorResponse, baseUrl: string): ConnectorRequest | undefined {
  const base = new URL(baseUrl.replace(/\/+$/, "") + "/");
  const current = new URL(request.path.replace(/^\/+/, ""), base);
  if (paging.next.kind === "cursor") {
    const cursor = valueAtPath(response.body, paging.next.path);
    // An API that echoes the cursor it was sent (an `offset` it does not advance) has no next page.
    if (cursor === undefined || cursor === null || cursor === "" || String(cursor) === current.searchParams.get(paging.next.param)) return undefined;
    current.searchParams.set(paging.next.param, String(cursor));
    return { ...request, path: `${current.pathname.slice(base.pathname.length - 1)}${current.search}` };
  }
  const link = paging.next.kind === "link" ? linkHeaderNext(response.headers.link) : valueAtPath(response.body, paging.next.path);
  if (typeof link !== "string" || !link) return undefined;
  let next: URL;
  try {
    next = new URL(link, current);
  } catch {
    return undefined;
  }
  if (next.origin !== base.origin || !next.pathname.startsWith(base.pathname) || next.href === current.href) return undefined;
  return { ...request, path: `${next.pathname.slice(base.pathname.length - 1)}${next.search}` };
}

/** "" when the answer is the list itself; the path of its list of items (preferring the usual names); undefined when it has none. */
function itemsPath(output: ApiSchema): string | undefined {
  if (output.type === "array") return "";
  const lists = Object.entries(output.properties ?? {}).filter(([, schema]) => schema.type === "array");
  return (lists.find(([name]) => ITEM_LIST_NAMES.includes(name)) ?? lists[0])?.[0];
}

/** The dotted paths and types of a schema's fields that are neither lists nor objects, outer ones first. */
function scalarFields(schema: ApiSchema, prefix: string, depth: number): { path: string; type: ApiSchema["type"] }[] {
  const own: { path: string; type: ApiSchema["type"] }[] = [];
  const nested: { path: string; type: ApiSchema["type"] }[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (property.type === "object" && depth > 1) nested.push(...scalarFields(property, path, depth - 1));
    else if (property.type !== "array" && property.type !== "object") own.push({ path, type: property.type });
  }
  return [...own, ...nested];
}

const lastName = (path: string) => path.slice(path.lastIndexOf(".") + 1);
