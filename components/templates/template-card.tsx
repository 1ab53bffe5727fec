import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { templatePattern, type WorkflowTemplate } from "@/lib/templates";
import { FlowPreview } from "./flow-preview";
import { TryTemplateButton } from "./try-template-button";
import { UseTemplateButton } from "./use-template-button";

export function TemplateCard({ template }: { template: WorkflowTemplate }) {
  const titleId = useId();
  const nodeCount = template.document.nodes.length;
  const pattern = templatePattern(template.pattern);
  return (
    <Card role="article" aria-labelledby={titleId} className="flex flex-col overflow-hidden transition-shadow hover:shadow-md">
      <div className="flex h-32 items-center justify-center border-b bg-canvas px-4">
        <FlowPreview document={template.document} />
      </div>
      <CardHeader className="gap-2 pb-3">
        <p className="text-xs font-medium tracking-wide text-primary uppercase">{pattern.label}</p>
        <CardTitle id={titleId} className="leading-snug">
          {template.name}
        </CardTitle>
        <CardDescription className="leading-relaxed">{template.description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 pb-4">
        <dl className="grid gap-1 rounded-md bg-muted/60 px-3 py-2 text-xs leading-snug">
          <div>
            <dt className="inline font-medium">For: </dt>
            <dd className="inline text-muted-foreground">{pattern.purpose}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Needs: </dt>
            <dd className="inline text-muted-foreground">{template.needs ?? "nothing; it runs as it is."}</dd>
          </div>
        </dl>
        <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
          {template.tags.map((tag) => (
            <li key={tag}>
              <Badge variant="muted">{tag}</Badge>
            </li>
          ))}
        </ul>
      </CardContent>
      <CardFooter className="mt-auto justify-between border-t py-3">
        <span className="text-xs text-muted-foreground">{nodeCount} nodes</span>
        <div className="flex gap-2">
          <TryTemplateButton template={template} describedBy={titleId} />
          <UseTemplateButton template={template} describedBy={titleId} />
        </div>
      </CardFooter>
    </Card>
  );
}
