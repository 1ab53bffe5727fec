import { describeNodeIssue } from "@/lib/editor/describe-issue";
import type { NodeIssue } from "@/lib/editor/issues";

/** A node's issues as a short list, for tooltips. */
export function NodeIssueList({ issues, nodeType }: { issues: NodeIssue[]; nodeType: string }) {
  return (
    <ul className="space-y-1">
      {issues.map((issue, i) => (
        <li key={i}>{describeNodeIssue(issue, nodeType)}</li>
      ))}
    </ul>
  );
}
