import { GitMerge } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, defineTrigger, path, wholeNumberProp } from "./define";

/** The project hook's event switches (POST /projects/:id/hooks), by the names users pick. */
const HOOK_EVENTS = ["push", "tag_push", "issues", "merge_requests", "note", "pipeline", "releases"] as const;

const project = z.string().trim().min(1, "Enter the project").meta({ title: "Project", description: "Its id, or its path such as my-group/my-project." });

/**
 * GitLab REST API v4 (https://docs.gitlab.com/api/rest/). A personal, project or group access
 * token as a Bearer token; self-managed GitLab: its https://<host>/api/v4 as the API base URL.
 * Errors answer `{ message }` (text, or fields and their problems) or `{ error }`.
 */
export const gitlab = defineConnector({
  id: "gitlab",
  name: "GitLab",
  description: "Issues and merge requests on GitLab.",
  icon: GitMerge,
  baseUrl: "https://gitlab.com/api/v4",
  // GitLab.com: 2,000 requests a minute per user.
  rateLimit: { requests: 30, per: "second" },
  testPath: "/user",
  auth: bearerAuth("An access token with the api scope in a Bearer token connection."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const answer = body as { message?: string | Record<string, string[]>; error?: string } | null;
    const message = typeof answer?.message === "string" ? answer.message : answer?.message ? Object.entries(answer.message).map(([field, problems]) => `${field} ${[problems].flat().join(", ")}`).join("; ") : answer?.error;
    return message ? { message } : undefined;
  },
  actions: [
    defineAction({
      name: "createIssue",
      label: "Create issue",
      description: "Open an issue in a project (POST /projects/:id/issues).",
      props: {
        project,
        title: z.string().trim().min(1, "Enter a title").meta({ title: "Title" }),
        description: z.string().optional().meta({ title: "Description", description: "Markdown.", widget: "textarea" }),
        labels: z.array(z.string().trim().min(1)).optional().meta({ title: "Labels" }),
        confidential: z.boolean().default(false).meta({ title: "Confidential" }),
      },
      defaults: { project: "", title: "{{ trigger.body.subject }}", confidential: false },
      request: (p) => ({
        method: "POST",
        path: path`/projects/${p.project}/issues`,
        json: { title: p.title, ...(p.description ? { description: p.description } : {}), ...(p.labels?.length ? { labels: p.labels.join(",") } : {}), confidential: p.confidential },
      }),
    }),
    defineAction({
      name: "addIssueNote",
      label: "Comment on issue",
      description: "Add a comment to an issue (POST /projects/:id/issues/:iid/notes).",
      props: { project, issueIid: wholeNumberProp({ title: "Issue number", description: "The number shown as #12 (iid)." }), body: z.string().min(1, "Enter the comment").meta({ title: "Comment", widget: "textarea" }) },
      defaults: { project: "", issueIid: "{{ steps.issue.iid }}", body: "" },
      request: (p) => ({ method: "POST", path: path`/projects/${p.project}/issues/${p.issueIid}/notes`, json: { body: p.body } }),
    }),
    defineAction({
      name: "listMergeRequests",
      label: "List merge requests",
      description: "A project's merge requests by state (GET /projects/:id/merge_requests).",
      props: {
        project,
        state: z.enum(["opened", "closed", "locked", "merged", "all"]).default("opened").meta({ title: "State" }),
        targetBranch: z.string().trim().optional().meta({ title: "Target branch" }),
        perPage: z.number().int().min(1).max(100).default(20).meta({ title: "Page size" }),
        page: z.number().int().min(1).default(1).meta({ title: "Page" }),
      },
      defaults: { project: "", state: "opened", perPage: 20, page: 1 },
      request: (p) => ({ method: "GET", path: path`/projects/${p.project}/merge_requests`, query: { state: p.state, target_branch: p.targetBranch, per_page: p.perPage, page: p.page } }),
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onProjectEvent",
      label: "On project event",
      description: "Start when something happens in a project: pushes, issues, merge requests, comments, pipelines… (a project webhook GitLab gets when the workflow goes live).",
      props: {
        project,
        events: z.array(z.enum(HOOK_EVENTS)).min(1, "Choose at least one event").meta({ title: "Events", widget: "multiselect" }),
      },
      defaults: { project: "", events: ["issues", "merge_requests"] },
      // GitLab sends the hook's secret token back in X-Gitlab-Token, and one UUID per event on every retry.
      signature: { secretHeader: "X-Gitlab-Token" },
      dedup: { header: "X-Gitlab-Event-UUID" },
      register: {
        create: (p, target) => ({
          method: "POST",
          path: path`/projects/${p.project}/hooks`,
          json: { url: target.url, token: target.secret, enable_ssl_verification: true, ...Object.fromEntries(HOOK_EVENTS.map((event) => [`${event}_events`, p.events.includes(event)])) },
        }),
        read: ({ body }) => {
          const id = (body as { id?: number | string }).id;
          if (id === undefined) throw new Error("GitLab's answer has no hook id");
          return { id: String(id) };
        },
        remove: (p, id) => ({ method: "DELETE", path: path`/projects/${p.project}/hooks/${id}` }),
      },
    }),
  ],
});
