"use client";

import { SearchX } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { filterTemplates, templatePattern, templatePatterns, workflowTemplates, type TemplatePatternId, type WorkflowTemplate } from "@/lib/templates";
import { TemplateCard } from "./template-card";
import { TemplateFilters } from "./template-filters";

export function TemplateGallery() {
  const [query, setQuery] = useState("");
  const [pattern, setPattern] = useState<TemplatePatternId | null>(null);
  const templates = filterTemplates(workflowTemplates, query, pattern);
  const clear = () => {
    setQuery("");
    setPattern(null);
  };

  return (
    <div className="grid gap-6">
      <TemplateFilters query={query} onQueryChange={setQuery} patterns={templatePatterns} pattern={pattern} onPatternChange={setPattern} />
      <p className="sr-only" role="status">
        {templates.length === 1 ? "1 template" : `${templates.length} templates`}
      </p>
      {templates.length ? (
        groupByPatternGroup(templates).map(([group, members]) => <TemplateSection key={group} title={group} templates={members} />)
      ) : (
        <EmptyState
          icon={SearchX}
          title="No templates match"
          description="Try other words, or another pattern."
          action={
            <Button variant="outline" onClick={clear}>
              Clear filters
            </Button>
          }
        />
      )}
    </div>
  );
}

function TemplateSection({ title, templates }: { title: string; templates: WorkflowTemplate[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="grid gap-3">
      <h2 id={headingId} className="text-sm font-semibold tracking-wide text-muted-foreground uppercase">
        {title}
      </h2>
      <div className="grid gap-5 md:grid-cols-2 xl:grid-cols-3">
        {templates.map((template) => (
          <TemplateCard key={template.id} template={template} />
        ))}
      </div>
    </section>
  );
}

/** Templates grouped by their pattern's group ("Connect systems", "Handle failure", ...), in gallery order. */
function groupByPatternGroup(templates: WorkflowTemplate[]): [string, WorkflowTemplate[]][] {
  const groups = new Map<string, WorkflowTemplate[]>();
  for (const template of templates) {
    const group = templatePattern(template.pattern).group;
    groups.set(group, [...(groups.get(group) ?? []), template]);
  }
  return [...groups];
}
