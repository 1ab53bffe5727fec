import { GitMerge } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, defineTrigger, path, wholeNumberProp } from "./define";

/** The project hook's event switches (POST /projects/:id/hooks), by the names users pick. */
const HOOK_EVENTS = ["push", "tag_push", "issues", "merge_requests", "note", "pipeline", "releases"] as const;

const project = z.string().trim().min(1, "Enter the project").meta({ title: "Project", description: "Its id, or its path such as my-group/my-project." });

/** A user as GitLab's answers embed it (doc/api/issues.md, merge_requests.md). */
const USER = { id: 1, username: "jdoe", name: "Jane Doe", state: "active", avatar_url: "https://gitlab.com/uploads/-/system/user/avatar/1/avatar.png", web_url: "https://gitlab.com/jdoe" };

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
      // Abridged from the issue of GitLab's Issues API reference (doc/api/issues.md).
      sample: {
        id: 76,
        iid: 6,
        project_id: 1,
        title: "Checkout fails for orders over 10 items",
        description: "Reported by a customer via support.",
        state: "opened",
        created_at: "2025-03-14T09:26:53.114Z",
        updated_at: "2025-03-14T09:26:53.114Z",
        closed_at: null,
        closed_by: null,
        labels: ["bug", "support"],
        milestone: null,
        assignees: [],
        author: USER,
        user_notes_count: 0,
        upvotes: 0,
        downvotes: 0,
        due_date: null,
        confidential: false,
        discussion_locked: null,
        web_url: "https://gitlab.com/my-group/my-project/-/issues/6",
        references: { short: "#6", relative: "#6", full: "my-group/my-project#6" },
      },
    }),
    defineAction({
      name: "addIssueNote",
      label: "Comment on issue",
      description: "Add a comment to an issue (POST /projects/:id/issues/:iid/notes).",
      props: { project, issueIid: wholeNumberProp({ title: "Issue number", description: "The number shown as #12 (iid)." }), body: z.string().min(1, "Enter the comment").meta({ title: "Comment", widget: "textarea" }) },
      defaults: { project: "", issueIid: "{{ steps.issue.iid }}", body: "" },
      request: (p) => ({ method: "POST", path: path`/projects/${p.project}/issues/${p.issueIid}/notes`, json: { body: p.body } }),
      // Abridged from the issue note of GitLab's Notes API reference (doc/api/notes.md).
      sample: {
        id: 302,
        body: "Fixed in the next release.",
        attachment: null,
        author: { id: 1, username: "jdoe", email: "jdoe@example.com", name: "Jane Doe", state: "active", created_at: "2024-09-30T13:46:01Z" },
        created_at: "2025-03-14T10:02:45Z",
        updated_at: "2025-03-14T10:02:45Z",
        system: false,
        noteable_id: 76,
        noteable_type: "Issue",
        project_id: 1,
        noteable_iid: 6,
        resolvable: false,
        confidential: false,
        internal: false,
      },
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
      // Abridged from the list of GitLab's Merge requests API reference (doc/api/merge_requests.md).
      sample: [
        {
          id: 1,
          iid: 1,
          project_id: 3,
          title: "Fix login page CSS paddings",
          description: "Fixes the paddings of the login form.",
          state: "opened",
          created_at: "2025-03-12T08:46:00Z",
          updated_at: "2025-03-13T11:16:17.520Z",
          merged_by: null,
          merged_at: null,
          closed_at: null,
          target_branch: "main",
          source_branch: "fix-login-css",
          author: USER,
          assignees: [USER],
          labels: ["frontend"],
          draft: false,
          merge_status: "can_be_merged",
          sha: "8888888888888888888888888888888888888888",
          user_notes_count: 1,
          web_url: "https://gitlab.com/my-group/my-project/-/merge_requests/1",
          references: { short: "!1", relative: "!1", full: "my-group/my-project!1" },
        },
      ],
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
      // An "Issue Hook" delivery, abridged from GitLab's webhook events reference (doc/user/project/integrations/webhook_events.md).
      sample: {
        object_kind: "issue",
        event_type: "issue",
        user: { id: 1, name: "Jane Doe", username: "jdoe", avatar_url: "https://gitlab.com/uploads/-/system/user/avatar/1/avatar.png", email: "jdoe@example.com" },
        project: {
          id: 1,
          name: "My Project",
          description: "",
          web_url: "https://gitlab.com/my-group/my-project",
          namespace: "My Group",
          path_with_namespace: "my-group/my-project",
          default_branch: "main",
          visibility_level: 0,
        },
        object_attributes: {
          id: 301,
          iid: 23,
          title: "Checkout fails for orders over 10 items",
          description: "Reported by a customer via support.",
          state: "opened",
          action: "open",
          author_id: 1,
          assignee_ids: [],
          project_id: 1,
          created_at: "2025-03-14T09:26:53Z",
          updated_at: "2025-03-14T09:26:53Z",
          confidential: false,
          due_date: null,
          type: "Issue",
          url: "https://gitlab.com/my-group/my-project/-/issues/23",
          labels: [],
        },
        labels: [],
        repository: { name: "My Project", url: "git@gitlab.com:my-group/my-project.git", description: "", homepage: "https://gitlab.com/my-group/my-project" },
        assignees: [],
      },
    }),
  ],
});
