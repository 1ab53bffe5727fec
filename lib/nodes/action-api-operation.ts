import { FileCode2 } from "lucide-react";
import { z } from "zod";
import { callConnector, collectPages, pageFields, type ConnectorCall, type ConnectorPages, type ConnectorRequest } from "@/lib/connectors/define";
import { API_AUTH_TYPES, API_OPERATION_TYPE, apiConnectionTypes } from "@/lib/openapi/model";
import { nextPageRequest, pageItems } from "@/lib/openapi/paging";
import { operationRequest } from "@/lib/openapi/request";
import { NodeError } from "./errors";
import { circuitFallbackField } from "./outbound-fields";
import { defineNode } from "./types";

/**
 * Runs one operation of an API imported from its OpenAPI document (Connections → Import API).
 * The node names the API and the operation; the form of its parameters and body is generated from
 * the operation's schemas (components/editor/api-operation-form.tsx), and the request goes through
 * the same outbound path as app connectors (SSRF guard, breaker, rate limit, Retry-After). An
 * operation that a re-import removed fails the node with a message saying so, without retries.
 */
export const apiOperationNode = defineNode({
  type: API_OPERATION_TYPE,
  kind: "step",
  category: "action",
  label: "API operation",
  description: "Call an operation of an API imported from its OpenAPI document.",
  icon: FileCode2,
  config: z.object({
    api: z.string().trim().min(1, "Choose an imported API").meta({ title: "API" }),
    operation: z.string().trim().min(1, "Choose the operation").meta({ title: "Operation" }),
    connectionId: z.string().trim().optional().meta({ title: "Connection", widget: "connection", connectionTypes: [...API_AUTH_TYPES] }),
    parameters: z.record(z.string(), z.unknown()).default({}).meta({ title: "Parameters" }),
    body: z.unknown().optional().meta({ title: "Body" }),
    // Offered by the form when the operation's document shows how its pages follow each other.
    ...pageFields,
    circuitFallback: circuitFallbackField,
  }),
  defaults: { api: "", operation: "", connectionId: "", parameters: {} },
  async execute({ config, services, signal }) {
    const found = await services.importedOperation(config.api, config.operation);
    if (!found) throw new NodeError(`The imported API ${config.api} no longer exists`, { retriable: false });
    const { api, operation } = found;
    if (!operation) throw new NodeError(`${api.name} no longer has the operation “${config.operation}” (removed by the import of ${api.updatedAt.slice(0, 10)}); choose another operation`, { retriable: false });
    const connectionId = config.connectionId ?? "";
    if (!connectionId && operation.security.length) throw new NodeError(`${api.name}: “${operation.summary}” needs authentication (${operation.security.join(" or ")}); choose a connection`, { retriable: false });
    const settings = connectionId ? (await services.connectionSettings(connectionId, apiConnectionTypes(api.auth))).config : {};
    const endpoint = {
      name: api.name,
      baseUrl: () => {
        if (!api.baseUrl) throw new Error("set the API's base URL (Connections → Imported APIs) or the connection's API base URL");
        return api.baseUrl;
      },
    };
    const call: ConnectorCall = {
      connectionId,
      settings,
      fetch: (url, init) => services.fetch(url, init),
      digest: (algorithm, text) => services.transforms.digest(algorithm, text),
      signal,
    };
    // Built inside the call, so values the request cannot be made from fail the step without retries.
    let request: ConnectorRequest | undefined;
    const response = await callConnector(endpoint, () => (request = operationRequest(operation, config.parameters, config.body)), call);
    const paging = operation.paging;
    if (!(paging && config.allPages)) return { output: response.body };

    const baseUrl = typeof settings.baseUrl === "string" && settings.baseUrl ? settings.baseUrl : api.baseUrl;
    const pages: ConnectorPages = { items: (page) => pageItems(paging, page.body), next: (page, pageRequest) => nextPageRequest(paging, pageRequest, page, baseUrl) };
    const items = await collectPages(pages, { request: request!, response }, config.maxItems, (page) => callConnector(endpoint, () => page, call));
    return { output: items };
  },
});
