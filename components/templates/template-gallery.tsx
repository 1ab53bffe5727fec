"use client";

import { SearchX } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { filterTemplates, templateTags, workflowTemplates } from "@/lib/templates";
import { TemplateCard } from "./template-card";
import { TemplateFilters } from "./template-filters";

export function TemplateGallery() {
  const [query, setQuery] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const templates = filterTemplates(workflowTemplates, query, tag);
  const clear = () => {
    setQuery("");
    setTag(null);
  };

  return (
    <div className="grid gap-6">
      <TemplateFilters query={query} onQueryChange={setQuery} tags={templateTags} tag={tag} onTagChange={setTag} />
      <p className="sr-only" role="status">
        {templates.length === 1 ? "1 template" : `${templates.length} templates`}
      </p>
      {templates.length ? (
        <div className="grid gap-5 md:grid-cols-2 xl:grid-cols-3">
          {templates.map((template) => (
            <TemplateCard key={template.id} template={template} />
          ))}
        </div>
      ) : (
        <EmptyState
          icon={SearchX}
          title="No templates match"
          description="Try other words, or another tag."
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
