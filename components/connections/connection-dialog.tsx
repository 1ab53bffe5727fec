"use client";

import { CircleAlert, CircleCheck, Loader2 } from "lucide-react";
import { useEffect, useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { ApiRequestError, describeError } from "@/lib/client/api";
import { CONNECTION_TYPE_SPECS, CONNECTION_TYPES, type ConnectionFieldSpec, type ConnectionTestResult, type ConnectionType, type ConnectionView, type RateLimit } from "@/lib/connections/types";
import { cn } from "@/lib/utils";
import { useSaveConnection, useTestConnection } from "./connection-queries";

type Values = Record<string, string | boolean>;

const BREAKER_FIELDS = [
  { key: "failureThreshold", label: "Open after failures in a row", placeholder: "5" },
  { key: "errorRatePercent", label: "…or error rate (%)", placeholder: "50" },
  { key: "windowSeconds", label: "Over a window of (s)", placeholder: "60" },
  { key: "cooldownSeconds", label: "Cooldown before a trial (s)", placeholder: "30" },
] as const;

/** A new connection's form filled in advance: an app's connection type and settings, and what to paste. */
export interface ConnectionDraft {
  name: string;
  type: ConnectionType;
  config: Record<string, string>;
  help: string;
  /** The app's documented request limit, switched on for the new connection. */
  rateLimit?: RateLimit;
}

function initialValues(type: ConnectionType, connection?: ConnectionView | null, draft?: ConnectionDraft | null): Values {
  const values: Values = {};
  for (const field of CONNECTION_TYPE_SPECS[type].fields) {
    if (field.kind === "secret") values[field.key] = "";
    else {
      const stored = connection?.type === type ? connection.config[field.key] : !connection && draft?.type === type ? draft.config[field.key] : undefined;
      const value = stored ?? field.default;
      values[field.key] = field.kind === "boolean" ? Boolean(value) : value === undefined ? "" : String(value);
    }
  }
  return values;
}

/** Create or edit a connection: type, per-type fields, rate limit and circuit breaker; “Save and test” shows the test's result here. */
export function ConnectionDialog({
  open,
  onOpenChange,
  connection,
  draft,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  connection?: ConnectionView | null;
  /** For a new connection: the form filled for an app. */
  draft?: ConnectionDraft | null;
}) {
  const editing = !!connection;
  const start = connection ? null : draft;
  const [type, setType] = useState<ConnectionType>(connection?.type ?? start?.type ?? "apiKey");
  const [name, setName] = useState(connection?.name ?? start?.name ?? "");
  const [values, setValues] = useState<Values>(() => initialValues(connection?.type ?? start?.type ?? "apiKey", connection, start));
  const [limitOn, setLimitOn] = useState(false);
  const [limit, setLimit] = useState({ requests: "10", per: "second" });
  const [breaker, setBreaker] = useState<Record<string, string>>({});
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  // After “Save and test” on a new connection, later saves update that one instead of creating another.
  const [savedId, setSavedId] = useState<string | undefined>();
  const save = useSaveConnection();
  const test = useTestConnection();
  const formId = useId();

  useEffect(() => {
    if (!open) return;
    const startType = connection?.type ?? start?.type ?? "apiKey";
    // eslint-disable-next-line react-hooks/set-state-in-effect -- each opening starts the form over from the connection (the dialog stays mounted while closed)
    setType(startType);
    setName(connection?.name ?? start?.name ?? "");
    setValues(initialValues(startType, connection, start));
    const rate = (connection ? connection.config.rateLimit : start?.rateLimit) as { requests?: number; per?: string } | undefined;
    setLimitOn(!!rate);
    setLimit({ requests: String(rate?.requests ?? 10), per: rate?.per ?? "second" });
    const stored = (connection?.config.breaker ?? {}) as Record<string, number>;
    setBreaker(Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, String(v)])));
    setIssues({});
    setResult(null);
    setSavedId(undefined);
  }, [open, connection, start]);

  const spec = CONNECTION_TYPE_SPECS[type];
  /** An issue disappears as soon as its field is edited. */
  const clearIssue = (path: string) => setIssues((current) => (path in current ? Object.fromEntries(Object.entries(current).filter(([p]) => p !== path)) : current));
  const changeType = (next: ConnectionType) => {
    setType(next);
    setValues(initialValues(next, connection, start));
    setIssues({});
  };

  const body = useMemo(() => {
    const config: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    for (const field of spec.fields) {
      const value = values[field.key];
      if (field.kind === "secret") {
        if (typeof value === "string" && value !== "") secrets[field.key] = value;
      } else if (field.kind === "boolean") config[field.key] = Boolean(value);
      else if (field.kind === "number") {
        if (value !== "") config[field.key] = Number(value);
      } else if (typeof value === "string" && value.trim() !== "") config[field.key] = value.trim();
    }
    if (limitOn) config.rateLimit = { requests: Number(limit.requests), per: limit.per };
    const breakerConfig = Object.fromEntries(Object.entries(breaker).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, Number(v)]));
    if (Object.keys(breakerConfig).length) config.breaker = breakerConfig;
    return { name: name.trim(), type, config, secrets };
  }, [spec, values, limitOn, limit, breaker, name, type]);

  const submit = async (andTest: boolean) => {
    setIssues({});
    setResult(null);
    try {
      const saved = await save.mutateAsync({ id: connection?.id ?? savedId, input: body });
      setSavedId(saved.id);
      if (!andTest) {
        toast.success(editing ? `Saved “${saved.name}”` : `Created “${saved.name}”`);
        onOpenChange(false);
        return;
      }
      setResult(await test.mutateAsync(saved.id));
    } catch (error) {
      if (error instanceof ApiRequestError && error.issues.length) {
        setIssues(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
        toast.error("Check the highlighted fields");
      } else toast.error(describeError(error));
    }
  };
  const busy = save.isPending || test.isPending;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{editing ? `Edit “${connection.name}”` : "New connection"}</DialogTitle>
          <DialogDescription>Secrets are encrypted at rest and never shown again; run history masks every value taken from a connection.</DialogDescription>
        </DialogHeader>
        <form
          id={formId}
          className="space-y-5"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(false);
          }}
        >
          {!editing && (
            <fieldset className="space-y-2">
              <legend className="mb-2 text-sm font-medium">Type</legend>
              <div className="grid grid-cols-3 gap-2" role="radiogroup" aria-label="Connection type">
                {CONNECTION_TYPES.map((t) => {
                  const s = CONNECTION_TYPE_SPECS[t];
                  const Icon = s.icon;
                  const selected = t === type;
                  return (
                    <button
                      key={t}
                      type="button"
                      role="radio"
                      aria-checked={selected}
                      onClick={() => changeType(t)}
                      className={cn(
                        "flex items-center gap-2 rounded-lg border px-2.5 py-2 text-left text-sm transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                        selected && "border-primary bg-primary/5 ring-1 ring-primary",
                      )}
                    >
                      <span className={cn("flex size-7 shrink-0 items-center justify-center rounded-md bg-muted text-muted-foreground", selected && "bg-primary/15 text-primary")}>
                        <Icon className="size-4" aria-hidden />
                      </span>
                      <span className="min-w-0 leading-tight font-medium">{s.label}</span>
                    </button>
                  );
                })}
              </div>
              <p className="text-xs text-muted-foreground">{spec.description}</p>
            </fieldset>
          )}

          <div className="space-y-1.5">
            <Label htmlFor={`${formId}-name`}>
              Name<span className="ml-0.5 text-destructive">*</span>
            </Label>
            <Input id={`${formId}-name`} value={name} onChange={(e) => (setName(e.target.value), clearIssue("name"))} placeholder={`e.g. ${spec.label} for production`} autoComplete="off" aria-invalid={issues.name ? true : undefined} />
            {issues.name && <p className="text-xs font-medium text-destructive">{issues.name}</p>}
          </div>

          {start && type === start.type && (
            <p className="rounded-lg border border-primary/30 bg-primary/5 px-3 py-2 text-sm" data-testid="connection-app-help">
              <span className="font-medium">{start.name}:</span> {start.help}
              {start.rateLimit && ` Calls are paced at ${start.rateLimit.requests} per ${start.rateLimit.per}, the limit ${start.name} documents (under “Rate limit”).`}
            </p>
          )}

          <div className="grid grid-cols-2 gap-x-4 gap-y-4">
            {spec.fields.filter((field) => !field.showWhen || field.showWhen.values.includes(String(values[field.showWhen.field]))).map((field) => (
              <FieldInput
                key={`${type}-${field.key}`}
                id={`${formId}-field-${field.key}`}
                field={field}
                value={values[field.key]}
                stored={connection?.type === type ? connection.secrets[field.key] : undefined}
                error={issues[`${field.kind === "secret" ? "secrets" : "config"}.${field.key}`]}
                onChange={(value) => {
                  setValues((v) => ({ ...v, [field.key]: value }));
                  clearIssue(`${field.kind === "secret" ? "secrets" : "config"}.${field.key}`);
                }}
              />
            ))}
          </div>

          {type === "oauth2Code" && <RedirectUrlHint />}

          <details className="group rounded-lg border bg-muted/30 px-4 py-3">
            <summary className="cursor-pointer text-sm font-medium select-none">Rate limit and circuit breaker</summary>
            <div className="mt-4 space-y-4">
              <div className="flex items-center justify-between gap-4">
                <div>
                  <Label htmlFor={`${formId}-limit`}>Limit calls</Label>
                  <p className="text-xs text-muted-foreground">Calls wait their turn (durably) so the provider’s limit is never exceeded.</p>
                </div>
                <Switch id={`${formId}-limit`} checked={limitOn} onCheckedChange={setLimitOn} />
              </div>
              {limitOn && (
                <div className="flex items-center gap-2">
                  <Input aria-label="Requests" className="w-28" inputMode="numeric" value={limit.requests} onChange={(e) => setLimit((l) => ({ ...l, requests: e.target.value }))} />
                  <span className="text-sm text-muted-foreground">requests per</span>
                  <Select value={limit.per} onValueChange={(per) => setLimit((l) => ({ ...l, per }))}>
                    <SelectTrigger aria-label="Period" className="w-32">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value="second">second</SelectItem>
                      <SelectItem value="minute">minute</SelectItem>
                    </SelectContent>
                  </Select>
                  {issues["config.rateLimit.requests"] && <p className="text-xs font-medium text-destructive">{issues["config.rateLimit.requests"]}</p>}
                </div>
              )}
              <div className="grid grid-cols-2 gap-3">
                {BREAKER_FIELDS.map((f) => (
                  <div key={f.key} className="space-y-1">
                    <Label htmlFor={`${formId}-breaker-${f.key}`} className="text-xs">
                      {f.label}
                    </Label>
                    <Input
                      id={`${formId}-breaker-${f.key}`}
                      inputMode="numeric"
                      placeholder={f.placeholder}
                      value={breaker[f.key] ?? ""}
                      onChange={(e) => setBreaker((b) => ({ ...b, [f.key]: e.target.value }))}
                      aria-invalid={issues[`config.breaker.${f.key}`] ? true : undefined}
                    />
                  </div>
                ))}
              </div>
            </div>
          </details>

          {result && <TestResult result={result} />}
        </form>
        <DialogFooter>
          <Button variant="outline" type="button" onClick={() => onOpenChange(false)}>
            {result ? "Close" : "Cancel"}
          </Button>
          <Button variant="outline" type="button" disabled={busy} onClick={() => void submit(true)}>
            {test.isPending && <Loader2 className="animate-spin" aria-hidden />}
            Save and test
          </Button>
          <Button type="submit" form={formId} disabled={busy}>
            {save.isPending && !test.isPending && <Loader2 className="animate-spin" aria-hidden />}
            {editing ? "Save" : "Create connection"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

export function TestResult({ result }: { result: ConnectionTestResult }) {
  return (
    <div
      role="status"
      className={cn(
        "flex items-start gap-2 rounded-lg border px-3 py-2.5 text-sm",
        result.ok ? "border-success/40 bg-success/10 text-foreground" : "border-destructive/40 bg-destructive/10 text-foreground",
      )}
    >
      {result.ok ? <CircleCheck className="mt-0.5 size-4 shrink-0 text-success" aria-hidden /> : <CircleAlert className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />}
      <div className="min-w-0">
        <p className="font-medium">{result.ok ? "Connection works" : "Connection failed"}</p>
        <p className="break-words text-muted-foreground">
          {result.message} <span className="whitespace-nowrap">· {result.durationMs} ms</span>
        </p>
      </div>
    </div>
  );
}

function FieldInput({
  id,
  field,
  value,
  stored,
  error,
  onChange,
}: {
  id: string;
  field: ConnectionFieldSpec;
  value: string | boolean | undefined;
  stored?: string;
  error?: string;
  onChange: (value: string | boolean) => void;
}) {
  const wide = field.kind === "url" || field.kind === "secret" || field.key === "servers" || field.key === "from";
  const label = (
    <Label htmlFor={id}>
      {field.label}
      {field.required && <span className="ml-0.5 text-destructive">*</span>}
    </Label>
  );
  const help = field.kind === "secret" && stored ? `Stored (${stored.replace(/^\$secret:/, "")}). Leave empty to keep it.` : field.help;
  return (
    <div className={cn("space-y-1.5", wide && "col-span-2")}>
      {field.kind === "boolean" ? (
        <div className="flex h-full items-center justify-between gap-3 pt-1">
          {label}
          <Switch id={id} checked={Boolean(value)} onCheckedChange={onChange} />
        </div>
      ) : (
        <>
          {label}
          {field.kind === "enum" ? (
            <Select value={String(value ?? "")} onValueChange={onChange}>
              <SelectTrigger id={id}>
                <SelectValue placeholder="Choose…" />
              </SelectTrigger>
              <SelectContent>
                {field.options!.map((o) => (
                  <SelectItem key={o.value} value={o.value}>
                    {o.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          ) : (
            <Input
              id={id}
              type={field.kind === "secret" ? "password" : "text"}
              inputMode={field.kind === "number" ? (field.decimal ? "decimal" : "numeric") : undefined}
              value={String(value ?? "")}
              onChange={(e) => onChange(e.target.value)}
              placeholder={field.kind === "secret" && stored ? "••••••••" : field.placeholder}
              autoComplete={field.kind === "secret" ? "new-password" : "off"}
              spellCheck={false}
              aria-invalid={error ? true : undefined}
            />
          )}
        </>
      )}
      {help && field.kind !== "boolean" && <p className="text-xs text-muted-foreground">{help}</p>}
      {error && <p className="text-xs font-medium text-destructive">{error}</p>}
    </div>
  );
}

/** The callback address an OAuth2 sign-in connection's app must allow, to copy into the app's settings. */
function RedirectUrlHint() {
  const url = `${window.location.origin}/api/connections/oauth/callback`;
  return (
    <div className="rounded-lg border bg-muted/30 px-4 py-3 text-sm">
      <p className="font-medium">Redirect URL</p>
      <p className="mt-1 text-xs text-muted-foreground">Register this address as a redirect (callback) URL in the app’s OAuth settings. After saving, click Connect to sign in.</p>
      <code className="mt-2 block rounded bg-background px-2 py-1 font-mono text-xs break-all" data-testid="oauth-redirect-url">
        {url}
      </code>
    </div>
  );
}
