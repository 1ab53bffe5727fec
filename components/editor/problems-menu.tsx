"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { Problem } from "@/lib/editor/issues";

/** "2 problems": a menu of everything wrong with the workflow; picking one selects what it is about. */
export function ProblemsMenu({ problems, onSelect }: { problems: Problem[]; onSelect: (problem: Problem) => void }) {
  if (!problems.length) {
    return (
      <span className="flex items-center gap-1.5 px-2 text-sm whitespace-nowrap text-muted-foreground">
        <CircleCheck className="size-4 text-success" />
        No problems
      </span>
    );
  }
  const count = `${problems.length} ${problems.length === 1 ? "problem" : "problems"}`;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:bg-destructive/10 hover:text-destructive">
          <CircleAlert />
          {count}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-96 max-w-[calc(100vw-2rem)]">
        <DropdownMenuLabel>{count} to fix before publishing</DropdownMenuLabel>
        {problems.map((problem) => (
          <DropdownMenuItem key={problem.key} onSelect={() => onSelect(problem)} className="items-start">
            <CircleAlert className="mt-0.5 text-destructive" />
            <span className="min-w-0">
              {problem.workflowSettings ? (
                <span className="block text-xs text-muted-foreground">Workflow settings</span>
              ) : (
                (problem.nodeId || problem.edgeId) && (
                  <span className="block font-mono text-xs text-muted-foreground">{problem.edgeId ? `connection ${problem.edgeId}` : problem.nodeId}</span>
                )
              )}
              <span className="block">{problem.message}</span>
            </span>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
