import { GitPullRequest } from "lucide-react";
import { z } from "zod";
import { linkHeaderNext } from "@/lib/nodes/action-http";
import { bearerAuth, defineAction, defineConnector, defineTrigger, path, wholeNumberProp } from "./define";

const owner = z.string().trim().min(1, "Name the owner").meta({ title: "Owner", description: "The account or organisation, e.g. octocat." });
const repo = z.string().trim().min(1, "Name the repository").meta({ title: "Repository", description: "Without the owner, e.g. hello-world." });

/** Objects of GitHub's answers, abridged from the examples of its OpenAPI description (@octokit/openapi: simple-user, issue, repository). */
const USER = { login: "octocat", id: 1, node_id: "MDQ6VXNlcjE=", avatar_url: "https://github.com/images/error/octocat_happy.gif", html_url: "https://github.com/octocat", type: "User", site_admin: false };
const ISSUE = {
  id: 1,
  node_id: "MDU6SXNzdWUx",
  url: "https://api.github.com/repos/octocat/Hello-World/issues/1347",
  repository_url: "https://api.github.com/repos/octocat/Hello-World",
  html_url: "https://github.com/octocat/Hello-World/issues/1347",
  number: 1347,
  state: "open",
  title: "Found a bug",
  body: "I'm having a problem with this.",
  user: USER,
  labels: [{ id: 208045946, node_id: "MDU6TGFiZWwyMDgwNDU5NDY=", url: "https://api.github.com/repos/octocat/Hello-World/labels/bug", name: "bug", description: "Something isn't working", color: "f29513", default: true }],
  assignee: USER,
  assignees: [USER],
  milestone: null,
  locked: false,
  comments: 0,
  created_at: "2011-04-22T13:33:48Z",
  updated_at: "2011-04-22T13:33:48Z",
  closed_at: null,
  author_association: "COLLABORATOR",
  state_reason: null,
};

/**
 * GitHub REST API (https://docs.github.com/rest), version 2022-11-28. Errors answer
 * `{ message, errors?, documentation_url }`; an exhausted rate limit answers 403 or 429 with
 * `x-ratelimit-remaining: 0` (retried; secondary limits send Retry-After).
 */
export const github = defineConnector({
  id: "github",
  name: "GitHub",
  description: "Issues, comments and pull requests.",
  icon: GitPullRequest,
  baseUrl: "https://api.github.com",
  // GitHub: 5,000 requests an hour per token.
  rateLimit: { requests: 80, per: "minute" },
  testPath: "/user",
  auth: bearerAuth("A fine-grained or classic personal access token, or a GitHub App installation token, in a Bearer token connection. GitHub Enterprise Server: set the connection's API base URL to https://<host>/api/v3."),
  headers: { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "Switchboard" },
  errorOf({ body, status, headers }) {
    if (status < 400) return undefined;
    const answer = body as { message?: string; errors?: { message?: string; field?: string; code?: string }[] } | null;
    const details = (answer?.errors ?? []).map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(" ")).filter(Boolean);
    const message = [answer?.message ?? "", ...details].filter(Boolean).join("; ");
    const rateLimited = (status === 403 || status === 429) && headers["x-ratelimit-remaining"] === "0";
    return { message: message || `HTTP ${status}`, retriable: rateLimited || status >= 500 || status === 429 };
  },
  actions: [
    defineAction({
      name: "createIssue",
      label: "Create issue",
      description: "Open an issue in a repository (POST /repos/{owner}/{repo}/issues).",
      props: {
        owner,
        repo,
        title: z.string().min(1, "Write a title").meta({ title: "Title" }),
        body: z.string().optional().meta({ title: "Body", description: "Markdown.", widget: "textarea" }),
        labels: z.array(z.string().trim().min(1)).optional().meta({ title: "Labels" }),
        assignees: z.array(z.string().trim().min(1)).optional().meta({ title: "Assignees", description: "GitHub logins." }),
      },
      defaults: { owner: "", repo: "", title: "{{ trigger.body.title }}" },
      request: (p) => ({
        method: "POST",
        path: path`/repos/${p.owner}/${p.repo}/issues`,
        json: { title: p.title, ...(p.body ? { body: p.body } : {}), ...(p.labels?.length ? { labels: p.labels } : {}), ...(p.assignees?.length ? { assignees: p.assignees } : {}) },
      }),
      sample: ISSUE,
    }),
    defineAction({
      name: "addComment",
      label: "Add comment",
      description: "Comment on an issue or a pull request (POST /repos/{owner}/{repo}/issues/{issue_number}/comments).",
      props: {
        owner,
        repo,
        issueNumber: wholeNumberProp({ title: "Issue or pull request number" }),
        body: z.string().min(1, "Write the comment").meta({ title: "Comment", description: "Markdown.", widget: "textarea" }),
      },
      defaults: { owner: "", repo: "", issueNumber: "{{ trigger.body.issue.number }}", body: "" },
      request: (p) => ({ method: "POST", path: path`/repos/${p.owner}/${p.repo}/issues/${p.issueNumber}/comments`, json: { body: p.body } }),
      sample: {
        id: 1,
        node_id: "MDEyOklzc3VlQ29tbWVudDE=",
        url: "https://api.github.com/repos/octocat/Hello-World/issues/comments/1",
        html_url: "https://github.com/octocat/Hello-World/issues/1347#issuecomment-1",
        issue_url: "https://api.github.com/repos/octocat/Hello-World/issues/1347",
        body: "Me too",
        user: USER,
        created_at: "2011-04-14T16:00:49Z",
        updated_at: "2011-04-14T16:00:49Z",
        author_association: "COLLABORATOR",
      },
    }),
    defineAction({
      name: "listPullRequests",
      label: "List pull requests",
      description: "List a repository's pull requests, one page at a time (GET /repos/{owner}/{repo}/pulls).",
      props: {
        owner,
        repo,
        state: z.enum(["open", "closed", "all"]).default("open").meta({ title: "State" }),
        base: z.string().trim().optional().meta({ title: "Base branch" }),
        head: z.string().trim().optional().meta({ title: "Head", description: "user:branch or organisation:branch." }),
        sort: z.enum(["created", "updated", "popularity", "long-running"]).default("created").meta({ title: "Sort by" }),
        direction: z.enum(["asc", "desc"]).default("desc").meta({ title: "Direction" }),
        perPage: z.number().int().min(1).max(100).default(30).meta({ title: "Page size" }),
        page: z.number().int().min(1).default(1).meta({ title: "Page" }),
      },
      defaults: { owner: "", repo: "", state: "open", perPage: 30, page: 1 },
      request: (p) => ({
        method: "GET",
        path: path`/repos/${p.owner}/${p.repo}/pulls`,
        query: { state: p.state, base: p.base, head: p.head, sort: p.sort, direction: p.direction, per_page: p.perPage, page: p.page },
      }),
      // GitHub says a later page exists with a Link header holding rel="next".
      pages: {
        items: ({ body }) => (Array.isArray(body) ? (body as unknown[]) : []),
        next: ({ headers }, request) => (linkHeaderNext(headers.link) ? { ...request, query: { ...request.query, page: Number(request.query?.page ?? 1) + 1 } } : undefined),
      },
      sample: [
        {
          url: "https://api.github.com/repos/octocat/Hello-World/pulls/1347",
          id: 1,
          node_id: "MDExOlB1bGxSZXF1ZXN0MQ==",
          html_url: "https://github.com/octocat/Hello-World/pull/1347",
          diff_url: "https://github.com/octocat/Hello-World/pull/1347.diff",
          issue_url: "https://api.github.com/repos/octocat/Hello-World/issues/1347",
          number: 1347,
          state: "open",
          locked: false,
          title: "Amazing new feature",
          user: USER,
          body: "Please pull these awesome changes in!",
          labels: [],
          milestone: null,
          created_at: "2011-01-26T19:01:12Z",
          updated_at: "2011-01-26T19:01:12Z",
          closed_at: null,
          merged_at: null,
          merge_commit_sha: "e5bd3914e2e596debea16f433f57875b5b90bcd6",
          assignee: null,
          assignees: [],
          requested_reviewers: [],
          head: { label: "octocat:new-topic", ref: "new-topic", sha: "6dcb09b5b57875f334f61aebed695e2e4193db5e", user: USER },
          base: { label: "octocat:master", ref: "master", sha: "6dcb09b5b57875f334f61aebed695e2e4193db5e", user: USER },
          author_association: "OWNER",
          auto_merge: null,
          draft: false,
        },
      ],
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onRepositoryEvent",
      label: "On repository event",
      description: "Start when something happens in a repository: issues, pull requests, pushes, releases… (a repository webhook GitHub gets when the workflow goes live).",
      props: {
        owner,
        repo,
        events: z
          .array(z.string().trim().regex(/^(\*|[a-z_]+)$/, "An event name such as issues or pull_request, or *"))
          .min(1, "Choose at least one event")
          .meta({ title: "Events", description: "e.g. issues, issue_comment, pull_request, push, release; * for every event." }),
      },
      defaults: { owner: "", repo: "", events: ["issues", "pull_request"] },
      signature: "github",
      dedup: { header: "X-GitHub-Delivery" },
      register: {
        create: (p, target) => ({
          method: "POST",
          path: path`/repos/${p.owner}/${p.repo}/hooks`,
          json: { name: "web", active: true, events: p.events, config: { url: target.url, content_type: "json", secret: target.secret } },
        }),
        read: ({ body }) => {
          const id = (body as { id?: number | string }).id;
          if (id === undefined) throw new Error("GitHub's answer has no hook id");
          return { id: String(id) };
        },
        remove: (p, id) => ({ method: "DELETE", path: path`/repos/${p.owner}/${p.repo}/hooks/${id}` }),
      },
      // An "issues" delivery (action opened), abridged from the webhook-issues-opened schema of @octokit/openapi.
      sample: {
        action: "opened",
        issue: ISSUE,
        repository: {
          id: 1296269,
          node_id: "MDEwOlJlcG9zaXRvcnkxMjk2MjY5",
          name: "Hello-World",
          full_name: "octocat/Hello-World",
          private: false,
          owner: USER,
          html_url: "https://github.com/octocat/Hello-World",
          description: "This your first repo!",
          fork: false,
          url: "https://api.github.com/repos/octocat/Hello-World",
          default_branch: "master",
          created_at: "2011-01-26T19:01:12Z",
          updated_at: "2011-01-26T19:14:43Z",
          pushed_at: "2011-01-26T19:06:43Z",
        },
        sender: USER,
      },
    }),
  ],
});
