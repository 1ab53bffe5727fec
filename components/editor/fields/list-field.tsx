"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { newListItem, singularLabel, type ConfigField } from "@/lib/editor/field-model";
import { ConfigFieldControl } from "./config-field";
import { describedBy } from "./field-shell";
import { moveItem, useListKeys } from "./list-keys";
import type { FieldProps } from "./types";

type Issue = NonNullable<FieldProps["issues"]>[number];

/**
 * A list edited item by item: objects as numbered cards with their own generated fields, values
 * as rows of inputs. Items can be added, removed and moved; errors land on the item they are about.
 */
export function ListField({ id, field, value, onChange, errors, issues }: FieldProps) {
  const items: unknown[] = Array.isArray(value) ? value : [];
  const list = useListKeys(items.length);
  const noun = singularLabel(field.label).toLowerCase();
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  const listIssues = issues ?? errors.map((message) => ({ path: [], message }));
  const ownErrors = unique(listIssues.filter((i) => i.path.length === 0).map((i) => i.message));
  const itemIssues = (index: number) => listIssues.filter((i) => i.path[0] === index).map((i) => ({ ...i, path: i.path.slice(1) }));
  const atMax = field.maxItems !== undefined && items.length >= field.maxItems;
  const atMin = items.length <= (field.minItems ?? 0);
  const itemId = (key: number) => `${id}-item-${key}`;

  const setItem = (index: number, item: unknown) => onChange(items.map((current, i) => (i === index ? item : current)));
  const add = () => {
    const key = list.add();
    onChange([...items, newListItem(field)]);
    pendingFocus.current = field.itemFields?.length ? `${itemId(key)}-${field.itemFields[0].key}` : `${itemId(key)}-value`;
  };
  const remove = (index: number) => {
    list.remove(index);
    onChange(items.filter((_, i) => i !== index));
    pendingFocus.current = `${id}-add`;
  };
  const move = (index: number, to: number) => {
    const key = list.keys[index];
    list.move(index, to);
    onChange(moveItem(items, index, to));
    // Keep focus on the button pressed; at either end, on the one still enabled.
    const lastIndex = items.length - 1;
    pendingFocus.current = to < index ? `${itemId(key)}-${to === 0 ? "down" : "up"}` : `${itemId(key)}-${to === lastIndex ? "up" : "down"}`;
  };

  return (
    <div id={id} role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy(id, { help: field.description, errors: ownErrors })["aria-describedby"]} className="space-y-2">
      <div className="space-y-1">
        <p id={`${id}-label`} className="text-sm leading-none font-medium">
          {field.label}
          {field.required && (
            <span aria-hidden className="ml-0.5 text-destructive">
              *
            </span>
          )}
        </p>
        {field.description && (
          <p id={`${id}-help`} className="text-xs text-muted-foreground">
            {field.description}
          </p>
        )}
      </div>
      {ownErrors.length > 0 && (
        <div id={`${id}-error`} role="alert" className="space-y-0.5 text-xs font-medium text-destructive">
          {ownErrors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}

      <ol className="space-y-2">
        {items.map((item, index) => {
          const key = list.keys[index];
          const name = `${noun} ${index + 1}`;
          const controls = (
            <ItemControls
              baseId={itemId(key)}
              name={name}
              canMoveUp={index > 0}
              canMoveDown={index < items.length - 1}
              canRemove={!atMin}
              onMove={(to) => move(index, to === "up" ? index - 1 : index + 1)}
              onRemove={() => remove(index)}
            />
          );
          return (
            <li key={key}>
              {field.itemFields ? (
                <ObjectItem baseId={itemId(key)} title={`${singularLabel(field.label)} ${index + 1}`} fields={field.itemFields} value={item} issues={itemIssues(index)} controls={controls} onChange={(next) => setItem(index, next)} />
              ) : (
                <ValueItem baseId={itemId(key)} field={field.item!} name={`${singularLabel(field.label)} ${index + 1}`} value={item} issues={itemIssues(index)} controls={controls} onChange={(next) => setItem(index, next)} />
              )}
            </li>
          );
        })}
      </ol>

      <Button id={`${id}-add`} variant="outline" size="sm" onClick={add} disabled={atMax}>
        <Plus />
        Add {noun}
      </Button>
      {atMax && <p className="text-xs text-muted-foreground">At most {field.maxItems} {field.label.toLowerCase()}.</p>}
    </div>
  );
}

interface ItemControlsProps {
  baseId: string;
  name: string;
  canMoveUp: boolean;
  canMoveDown: boolean;
  canRemove: boolean;
  onMove: (direction: "up" | "down") => void;
  onRemove: () => void;
}

function ItemControls({ baseId, name, canMoveUp, canMoveDown, canRemove, onMove, onRemove }: ItemControlsProps) {
  return (
    <div className="flex shrink-0 items-center">
      <Button id={`${baseId}-up`} variant="ghost" size="icon-sm" aria-label={`Move ${name} up`} title="Move up" disabled={!canMoveUp} onClick={() => onMove("up")}>
        <ArrowUp />
      </Button>
      <Button id={`${baseId}-down`} variant="ghost" size="icon-sm" aria-label={`Move ${name} down`} title="Move down" disabled={!canMoveDown} onClick={() => onMove("down")}>
        <ArrowDown />
      </Button>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label={`Remove ${name}`}
        title={canRemove ? "Remove" : "At least one is needed"}
        disabled={!canRemove}
        onClick={onRemove}
        className="hover:bg-destructive/10 hover:text-destructive"
      >
        <Trash2 />
      </Button>
    </div>
  );
}

interface ObjectItemProps {
  baseId: string;
  title: string;
  fields: ConfigField[];
  value: unknown;
  issues: Issue[];
  controls: React.ReactNode;
  onChange: (value: Record<string, unknown>) => void;
}

/** One object of a list: a card with a field per property, generated like the node's own fields. */
function ObjectItem({ baseId, title, fields, value, issues, controls, onChange }: ObjectItemProps) {
  const item = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const setValue = (key: string, next: unknown) => {
    const updated = { ...item };
    if (next === undefined) delete updated[key];
    else updated[key] = next;
    onChange(updated);
  };
  const ownErrors = unique(issues.filter((i) => i.path.length === 0).map((i) => i.message));
  return (
    <div role="group" aria-labelledby={`${baseId}-title`} className="space-y-3 rounded-lg border bg-muted/30 p-3 has-[[aria-invalid=true]]:border-destructive/50">
      <div className="-mt-1 -mr-1.5 flex items-center justify-between gap-2">
        <span id={`${baseId}-title`} className="text-xs font-semibold">
          {title}
        </span>
        {controls}
      </div>
      {ownErrors.length > 0 && (
        <div role="alert" className="text-xs font-medium text-destructive">
          {ownErrors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {fields.map((sub) => {
        const subIssues = issues.filter((i) => i.path[0] === sub.key).map((i) => ({ ...i, path: i.path.slice(1) }));
        return (
          <ConfigFieldControl
            key={sub.key}
            id={`${baseId}-${sub.key}`}
            field={sub}
            value={item[sub.key]}
            onChange={(next) => setValue(sub.key, next)}
            errors={unique(subIssues.map((i) => i.message))}
            issues={subIssues}
            nested
          />
        );
      })}
    </div>
  );
}

interface ValueItemProps {
  baseId: string;
  field: ConfigField;
  name: string;
  value: unknown;
  issues: Issue[];
  controls: React.ReactNode;
  onChange: (value: unknown) => void;
}

/** One value of a list: a bare input for text, else the value's own control. */
function ValueItem({ baseId, field, name, value, issues, controls, onChange }: ValueItemProps) {
  const errors = unique(issues.map((i) => i.message));
  const inputId = `${baseId}-value`;
  if (field.kind !== "text") {
    return (
      <div className="flex items-start gap-1.5">
        <div className="min-w-0 flex-1">
          <ConfigFieldControl id={inputId} field={{ ...field, label: name }} value={value} onChange={onChange} errors={errors} issues={issues} nested />
        </div>
        {controls}
      </div>
    );
  }
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-1.5">
        <Input
          id={inputId}
          value={value === undefined || value === null ? "" : String(value)}
          onChange={(e) => onChange(e.target.value)}
          aria-label={name}
          spellCheck={false}
          autoComplete="off"
          className="h-8 text-xs"
          {...describedBy(inputId, { errors })}
        />
        {controls}
      </div>
      {errors.length > 0 && (
        <div id={`${inputId}-error`} role="alert" className="text-xs font-medium text-destructive">
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
    </div>
  );
}

function unique(messages: string[]): string[] {
  return [...new Set(messages)];
}
