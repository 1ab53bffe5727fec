import { SquareKanban } from "lucide-react";
import { z } from "zod";
import { basicAuth, defineAction, defineConnector, defineTrigger, path, requiredChoicesField } from "./define";

/** Plain text as an Atlassian Document Format document: one paragraph per line. */
function adf(text: string) {
  const lines = text.split("\n").filter((line) => line.trim());
  return { type: "doc", version: 1, content: lines.map((line) => ({ type: "paragraph", content: [{ type: "text", text: line }] })) };
}

/** Events of admin webhooks (https://developer.atlassian.com/cloud/jira/platform/webhooks/). */
const EVENTS = {
  "jira:issue_created": "Issue created",
  "jira:issue_updated": "Issue updated",
  "jira:issue_deleted": "Issue deleted",
  comment_created: "Comment added",
  comment_updated: "Comment edited",
  worklog_created: "Work logged",
  issuelink_created: "Issues linked",
  sprint_started: "Sprint started",
  sprint_closed: "Sprint closed",
  jira_version_released: "Version released",
} as const;
const ISSUE_EVENTS = /^(jira:issue_|comment_|worklog_)/;

const issueKey = z.string().trim().min(1, "Enter the issue key").meta({ title: "Issue", description: "Its key, e.g. SUP-12, or id." });

/** A user and an issue's common fields as Jira Cloud answers them (REST API v3 reference: issue, comment, webhooks). */
const USER = {
  self: "https://your-domain.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g",
  accountId: "5b10a2844c20165700ede21g",
  displayName: "Mia Krystof",
  active: true,
  timeZone: "Australia/Sydney",
  accountType: "atlassian",
};
const ISSUE_FIELDS = {
  summary: "Checkout fails for orders over 10 items",
  status: { self: "https://your-domain.atlassian.net/rest/api/3/status/10000", name: "To Do", id: "10000", statusCategory: { id: 2, key: "new", name: "To Do" } },
  assignee: USER,
  created: "2025-03-14T09:26:53.114+0000",
};

/**
 * Jira Cloud REST API v3 (https://developer.atlassian.com/cloud/jira/platform/rest/v3/). Basic
 * auth with the account's e-mail and an API token; the site (https://<your-domain>.atlassian.net)
 * is the connection's API base URL. Rich text is Atlassian Document Format; errors answer
 * `{ errorMessages: [...], errors: { field: message } }`.
 */
export const jira = defineConnector({
  id: "jira",
  name: "Jira",
  description: "Issues in Jira Cloud.",
  icon: SquareKanban,
  baseUrl: "https://your-domain.atlassian.net",
  auth: basicAuth("A Basic auth connection: your Atlassian e-mail as user name and an API token as password, with your site (https://<your-domain>.atlassian.net) as API base URL."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const answer = body as { errorMessages?: string[]; errors?: Record<string, string> } | null;
    const messages = [...(answer?.errorMessages ?? []), ...Object.entries(answer?.errors ?? {}).map(([field, message]) => `${field}: ${message}`)];
    return messages.length ? { message: messages.join("; ") } : undefined;
  },
  actions: [
    defineAction({
      name: "createIssue",
      label: "Create issue",
      description: "Create an issue in a project (POST /rest/api/3/issue).",
      props: {
        projectKey: z.string().trim().min(1, "Enter the project key").meta({ title: "Project key", description: "e.g. SUP." }),
        issueType: z.string().trim().min(1).default("Task").meta({ title: "Issue type", description: "Task, Bug, Story… as named in the project." }),
        summary: z.string().trim().min(1, "Enter a summary").meta({ title: "Summary" }),
        description: z.string().optional().meta({ title: "Description", widget: "textarea" }),
        labels: z.array(z.string().trim().min(1)).optional().meta({ title: "Labels" }),
        fields: z.record(z.string(), z.unknown()).optional().meta({ title: "More fields", description: 'Other fields by id, e.g. { "priority": { "name": "High" } }.', widget: "json" }),
      },
      defaults: { projectKey: "", issueType: "Task", summary: "{{ trigger.body.subject }}" },
      request: (p) => ({
        method: "POST",
        path: "/rest/api/3/issue",
        json: {
          fields: {
            ...p.fields,
            project: { key: p.projectKey },
            issuetype: { name: p.issueType },
            summary: p.summary,
            ...(p.description ? { description: adf(p.description) } : {}),
            ...(p.labels?.length ? { labels: p.labels } : {}),
          },
        },
      }),
      // A CreatedIssue (its `transition` only comes with a transition requested on creation).
      sample: { id: "10000", key: "SUP-24", self: "https://your-domain.atlassian.net/rest/api/3/issue/10000" },
    }),
    defineAction({
      name: "addComment",
      label: "Comment on issue",
      description: "Add a comment to an issue (POST /rest/api/3/issue/{key}/comment).",
      props: { issueKey, comment: z.string().min(1, "Enter the comment").meta({ title: "Comment", widget: "textarea" }) },
      defaults: { issueKey: "{{ steps.issue.key }}", comment: "" },
      request: (p) => ({ method: "POST", path: path`/rest/api/3/issue/${p.issueKey}/comment`, json: { body: adf(p.comment) } }),
      sample: {
        self: "https://your-domain.atlassian.net/rest/api/3/issue/10010/comment/10000",
        id: "10000",
        author: USER,
        body: adf("Fixed in the next release."),
        updateAuthor: USER,
        created: "2025-03-14T10:02:45.000+0000",
        updated: "2025-03-14T10:02:45.000+0000",
      },
    }),
    defineAction({
      name: "searchIssues",
      label: "Search issues (JQL)",
      description: "Find issues with a JQL query (GET /rest/api/3/search/jql).",
      props: {
        jql: z.string().trim().min(1, "Enter a JQL query").meta({ title: "JQL", description: 'e.g. project = SUP AND status = "To Do".' }),
        fields: z.array(z.string().trim().min(1)).optional().meta({ title: "Fields", description: "Empty: summary, status, assignee, created." }),
        maxResults: z.number().int().min(1).max(5000).default(50).meta({ title: "At most" }),
        nextPageToken: z.string().trim().optional().meta({ title: "Page token", description: "The previous page's nextPageToken." }),
      },
      defaults: { jql: "project = SUP ORDER BY created DESC", maxResults: 50 },
      request: (p) => ({
        method: "GET",
        path: "/rest/api/3/search/jql",
        query: { jql: p.jql, fields: (p.fields?.length ? p.fields : ["summary", "status", "assignee", "created"]).join(","), maxResults: p.maxResults, nextPageToken: p.nextPageToken },
      }),
      // A SearchAndReconcileResults page with the default fields.
      sample: {
        issues: [{ id: "10002", key: "SUP-1", self: "https://your-domain.atlassian.net/rest/api/3/issue/10002", fields: ISSUE_FIELDS }],
        nextPageToken: "CAEaAggD",
        isLast: false,
      },
    }),
    defineAction({
      name: "transitionIssue",
      label: "Move issue",
      description: "Move an issue through its workflow, e.g. to Done (POST /rest/api/3/issue/{key}/transitions).",
      props: { issueKey, transitionId: z.string().trim().min(1, "Enter the transition id").meta({ title: "Transition id", description: "From the issue's transitions (GET …/transitions)." }) },
      defaults: { issueKey: "{{ steps.issue.key }}", transitionId: "" },
      request: (p) => ({ method: "POST", path: path`/rest/api/3/issue/${p.issueKey}/transitions`, json: { transition: { id: p.transitionId } } }),
      output: ({ status }, p) => ({ moved: status === 204, issueKey: p.issueKey, transitionId: p.transitionId }),
      sample: null,
      sampleStatus: 204,
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onEvent",
      label: "On event",
      description: "Start when an issue is created or updated, a comment is added, a sprint starts… (an admin webhook Jira gets when the workflow goes live; needs a Jira administrator's token).",
      props: {
        events: requiredChoicesField(EVENTS, { title: "Events", missing: "Choose at least one event" }),
        jql: z.string().trim().optional().meta({ title: "Only issues matching (JQL)", description: "For issue, comment and work log events, e.g. project = SUP AND priority = High." }),
      },
      defaults: { events: ["jira:issue_created"], jql: "" },
      // Admin webhooks with a secret are signed WebSub-style: X-Hub-Signature: sha256=<hex of HMAC-SHA256(body)>.
      signature: { hmacHeader: "X-Hub-Signature", prefix: "sha256=" },
      // Jira keeps a delivery's X-Atlassian-Webhook-Identifier on every retry.
      dedup: { header: "X-Atlassian-Webhook-Identifier" },
      register: {
        create: (p, target) => ({
          method: "POST",
          path: "/rest/webhooks/1.0/webhook",
          json: {
            name: "Switchboard workflow",
            url: target.url,
            events: p.events,
            ...(p.jql && p.events.some((event) => ISSUE_EVENTS.test(event)) ? { filters: { "issue-related-events-section": p.jql } } : {}),
            excludeBody: false,
            secret: target.secret,
          },
        }),
        read: ({ body }) => {
          const self = (body as { self?: string }).self;
          const id = self?.split("/").pop();
          if (!id) throw new Error("Jira's answer has no webhook address (self)");
          return { id };
        },
        remove: (_p, id) => ({ method: "DELETE", path: path`/rest/webhooks/1.0/webhook/${id}` }),
      },
      // A jira:issue_created delivery.
      sample: {
        timestamp: 1741944413114,
        webhookEvent: "jira:issue_created",
        issue_event_type_name: "issue_created",
        user: USER,
        issue: {
          id: "10002",
          self: "https://your-domain.atlassian.net/rest/api/2/issue/10002",
          key: "SUP-1",
          fields: {
            ...ISSUE_FIELDS,
            issuetype: { self: "https://your-domain.atlassian.net/rest/api/2/issuetype/10001", id: "10001", name: "Task", subtask: false },
            project: { self: "https://your-domain.atlassian.net/rest/api/2/project/10000", id: "10000", key: "SUP", name: "Support" },
            priority: { self: "https://your-domain.atlassian.net/rest/api/2/priority/3", id: "3", name: "Medium" },
            reporter: USER,
            creator: USER,
            labels: [],
            description: "Reported by a customer via support.",
            updated: "2025-03-14T09:26:53.114+0000",
          },
        },
      },
    }),
  ],
});
