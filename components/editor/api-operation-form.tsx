"use client";

import { CircleAlert, Loader2 } from "lucide-react";
import Link from "next/link";
import { useId, useMemo } from "react";
import { z } from "zod";
import { useApiOperation, useImportedApis } from "@/components/apis/api-queries";
import { Label } from "@/components/ui/label";
import { ApiRequestError } from "@/lib/client/api";
import { pageFields } from "@/lib/connectors/define";
import { configFields, jsonSchemaFields, type ConfigField } from "@/lib/editor/field-model";
import { bodyForm, missingValues, parameterForm } from "@/lib/openapi/form";
import { apiConnectionTypes, type ApiOperation, type ApiSummary } from "@/lib/openapi/model";
import { ConfigFieldControl } from "./fields/config-field";

type Config = Record<string, unknown>;

/** "All pages" and "At most", the same fields as app connectors' list actions. */
const PAGE_FIELDS = configFields(z.object(pageFields));

interface ApiOperationFormProps {
  config: Config;
  onChange: (update: (config: Config) => Config) => void;
  /** Names the node after the operation chosen, unless the user renamed it. */
  onOperationChosen: (summary: string, previousSummary: string | undefined) => void;
}

const selectClass = "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none";

/** The form of an "api.operation" node: the API and operation, then fields generated from the operation's parameters and body. */
export function ApiOperationForm({ config, onChange, onOperationChosen }: ApiOperationFormProps) {
  const id = useId();
  const apis = useImportedApis();
  const apiId = typeof config.api === "string" ? config.api : "";
  const key = typeof config.operation === "string" ? config.operation : "";
  const api = apis.data?.find((a) => a.id === apiId);
  const operation = useApiOperation(api ? apiId : "", key);
  const removed = operation.error instanceof ApiRequestError && operation.error.status === 404;

  const set = (field: string, value: unknown) =>
    onChange((current) => {
      const next = { ...current };
      if (value === undefined) delete next[field];
      else next[field] = value;
      return next;
    });
  const chooseOperation = (next: string) => {
    const previous = api?.operations.find((o) => o.key === key)?.summary;
    onChange((current) => ({ ...current, operation: next, parameters: {}, body: undefined }));
    const summary = api?.operations.find((o) => o.key === next)?.summary;
    if (summary) onOperationChosen(summary, previous);
  };

  return (
    <div className="space-y-5">
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-api`}>
          API<span className="ml-0.5 text-destructive">*</span>
        </Label>
        <select id={`${id}-api`} className={selectClass} value={api ? apiId : ""} onChange={(e) => onChange((current) => ({ ...current, api: e.target.value, operation: "", parameters: {}, body: undefined }))}>
          <option value="" disabled>
            {apis.isPending ? "Loading…" : apis.data?.length ? "Choose an imported API…" : "No imported APIs yet"}
          </option>
          {apis.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        {apiId && apis.data && !api && <Problem>The API this node used has been deleted. Choose another, or import it on the Connections page.</Problem>}
        {apis.data && !apis.data.length && (
          <p className="text-xs text-muted-foreground">
            Import an OpenAPI document on the{" "}
            <Link href="/connections" target="_blank" className="font-medium text-primary hover:underline">
              Connections page
            </Link>
            .
          </p>
        )}
      </div>
      {api && <OperationPicker id={`${id}-operation`} api={api} value={key} onChange={chooseOperation} />}
      {removed && (
        <Problem>
          {api?.name} no longer has the operation “{key}”: a re-import of its document removed it. The node fails until you choose another operation.
        </Problem>
      )}
      {operation.isFetching && !operation.data && <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label="Loading the operation" />}
      {api && operation.data && <OperationFields api={api} operation={operation.data.operation} config={config} set={set} />}
    </div>
  );
}

function OperationPicker({ id, api, value, onChange }: { id: string; api: ApiSummary; value: string; onChange: (key: string) => void }) {
  const byTag = useMemo(() => {
    const groups = new Map<string, ApiSummary["operations"]>();
    for (const operation of api.operations) groups.set(operation.tag, [...(groups.get(operation.tag) ?? []), operation]);
    return [...groups];
  }, [api.operations]);
  const known = api.operations.some((o) => o.key === value);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>
        Operation<span className="ml-0.5 text-destructive">*</span>
      </Label>
      <select id={id} className={selectClass} value={known ? value : ""} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled>
          Choose an operation…
        </option>
        {byTag.map(([tag, operations]) => (
          <optgroup key={tag} label={tag}>
            {operations.map((operation) => (
              <option key={operation.key} value={operation.key}>
                {operation.summary} — {operation.method} {operation.path}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function OperationFields({ api, operation, config, set }: { api: ApiSummary; operation: ApiOperation; config: Config; set: (field: string, value: unknown) => void }) {
  const id = useId();
  const parameters = (config.parameters ?? {}) as Config;
  const parameterFields = useMemo(() => jsonSchemaFields(parameterForm(operation)), [operation]);
  const bodySchema = useMemo(() => bodyForm(operation), [operation]);
  const bodyFields = useMemo(() => (bodySchema ? jsonSchemaFields(bodySchema) : []), [bodySchema]);
  const body = config.body;
  const bodyValues = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Config;
  const missing = new Set(missingValues(operation, parameters, body));
  const connection: ConfigField = {
    key: "connectionId",
    label: "Connection",
    kind: "connection",
    required: operation.security.length > 0,
    connectionTypes: apiConnectionTypes(api.auth),
    ...(api.auth.length ? { app: `api:${api.id}`, description: api.auth.map((a) => a.description).join(" Or: ") } : {}),
  };
  const setIn = (group: "parameters" | "body", values: Config, key: string, value: unknown) => {
    const next = { ...values };
    if (value === undefined || value === "") delete next[key];
    else next[key] = value;
    set(group, Object.keys(next).length ? next : group === "parameters" ? {} : undefined);
  };

  return (
    <>
      <div className="rounded-md bg-muted/60 p-2.5 text-xs">
        <p className="font-mono">
          <span className="font-semibold">{operation.method}</span> {operation.path}
        </p>
        {operation.description && <p className="mt-1 line-clamp-4 text-muted-foreground">{operation.description}</p>}
        {operation.deprecated && <p className="mt-1 font-medium text-amber-700 dark:text-amber-400">Deprecated by the API.</p>}
      </div>
      <ConfigFieldControl id={`${id}-connection`} field={connection} value={config.connectionId} onChange={(value) => set("connectionId", value)} errors={[]} />
      {parameterFields.length > 0 && (
        <fieldset className="space-y-4">
          <legend className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Parameters</legend>
          {parameterFields.map((field) => (
            <ConfigFieldControl key={field.key} id={`${id}-p-${field.key}`} field={field} value={parameters[field.key]} onChange={(value) => setIn("parameters", parameters, field.key, value)} errors={missing.has(`parameters.${field.key}`) ? ["Required"] : []} />
          ))}
        </fieldset>
      )}
      {operation.body && (
        <fieldset className="space-y-4">
          <legend className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Body ({operation.body.contentType})</legend>
          {bodySchema ? (
            bodyFields.map((field) => <ConfigFieldControl key={field.key} id={`${id}-b-${field.key}`} field={field} value={bodyValues[field.key]} onChange={(value) => setIn("body", bodyValues, field.key, value)} errors={missing.has(`body.${field.key}`) ? ["Required"] : []} />)
          ) : (
            <ConfigFieldControl id={`${id}-body`} field={{ key: "body", label: "Body", kind: "json", required: operation.body.required }} value={body} onChange={(value) => set("body", value)} errors={missing.has("body") ? ["Required"] : []} />
          )}
        </fieldset>
      )}
      {operation.paging && (
        <fieldset className="space-y-4">
          <legend className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Pages</legend>
          {PAGE_FIELDS.filter((field) => field.key === "allPages" || config.allPages === true).map((field) => (
            <ConfigFieldControl key={field.key} id={`${id}-${field.key}`} field={field} value={config[field.key]} onChange={(value) => set(field.key, value)} errors={[]} />
          ))}
        </fieldset>
      )}
    </>
  );
}

function Problem({ children }: { children: React.ReactNode }) {
  return (
    <div role="alert" className="flex gap-2 rounded-md border border-destructive/40 bg-destructive/10 p-2.5 text-xs text-destructive">
      <CircleAlert className="mt-px size-3.5 shrink-0" aria-hidden />
      <p>{children}</p>
    </div>
  );
}
