"use client";

import { Plus } from "lucide-react";
import Link from "next/link";
import { useConnections } from "@/components/connections/connection-queries";
import { BreakerBadge } from "@/components/connections/connection-status";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { CONNECTION_TYPE_SPECS, isConnectionType } from "@/lib/connections/types";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

const NONE = "__none__";

/** Picks a connection of the field's types; links to the Connections page to add one. */
export function ConnectionField({ id, field, value, onChange, errors }: FieldProps) {
  const connections = useConnections();
  const types = field.connectionTypes ?? [];
  const matching = (connections.data ?? []).filter((c) => !types.length || types.includes(c.type));
  const current = typeof value === "string" && value ? value : undefined;
  const missing = current && connections.data && !connections.data.some((c) => c.id === current);
  const selected = matching.find((c) => c.id === current);
  const typeNames = types.filter(isConnectionType).map((t) => CONNECTION_TYPE_SPECS[t].label);
  const help = field.description ?? (typeNames.length ? `${typeNames.join(", ")}.` : undefined);
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={help} errors={missing ? [...errors, "This connection no longer exists; choose another one"] : errors}>
      <div className="flex items-center gap-2">
        {/* Refetched on opening: "New connection" creates one in another tab. */}
        <Select value={current ?? (field.required ? undefined : NONE)} onValueChange={(next) => onChange(next === NONE ? undefined : next)} onOpenChange={(open) => open && void connections.refetch()}>
          <SelectTrigger id={id} {...describedBy(id, { help, errors })}>
            <SelectValue placeholder={connections.isPending ? "Loading…" : matching.length ? "Choose a connection…" : "No matching connections yet"} />
          </SelectTrigger>
          <SelectContent>
            {!field.required && <SelectItem value={NONE}>None</SelectItem>}
            {matching.map((connection) => {
              const Icon = CONNECTION_TYPE_SPECS[connection.type].icon;
              return (
                <SelectItem key={connection.id} value={connection.id}>
                  <span className="flex items-center gap-2">
                    <Icon className="size-3.5 text-muted-foreground" aria-hidden />
                    {connection.name}
                  </span>
                </SelectItem>
              );
            })}
          </SelectContent>
        </Select>
        {selected && selected.breaker.state !== "closed" && <BreakerBadge breaker={selected.breaker} />}
      </div>
      <Link href={field.app ? `/connections?new=${encodeURIComponent(field.app)}` : "/connections"} target="_blank" className="inline-flex items-center gap-1 text-xs font-medium text-primary hover:underline">
        <Plus className="size-3" aria-hidden />
        New connection
      </Link>
    </FieldShell>
  );
}
