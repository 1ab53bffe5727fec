import { Columns3 } from "lucide-react";
import { z } from "zod";
import { type ConnectorAuth, defineAction, defineConnector, defineTrigger, optionalChoicesField, path, signingSecretField } from "./define";

const cardId = z.string().trim().min(1, "Give the card id").meta({ title: "Card id", description: "From the card's URL or an earlier step, e.g. {{ steps.create_card_1.id }}." });
const idList = (title: string, description: string) => z.string().trim().min(1, "Give the list id").meta({ title, description });
const ids = (title: string) => z.array(z.string().trim().min(1)).optional().meta({ title });

/** Trello takes the API key and a user's token in one header: `OAuth oauth_consumer_key="…", oauth_token="…"`. */
const trelloAuth: ConnectorAuth = {
  types: ["apiKey"],
  help: "An API key connection sending the “Authorization” header as OAuth oauth_consumer_key=\"<your API key>\", oauth_token=\"{key}\", with your token as the key (trello.com/power-ups/admin → API key → Token).",
  preset: { type: "apiKey", config: { in: "header", name: "Authorization", format: 'OAuth oauth_consumer_key="YOUR-API-KEY", oauth_token="{key}"' } },
};

/** Board actions workflows start on most (https://developer.atlassian.com/cloud/trello/guides/rest-api/action-types/). */
const ACTION_TYPES = {
  createCard: "A card created",
  updateCard: "A card changed or moved",
  commentCard: "A comment added",
  addMemberToCard: "A member added to a card",
  addLabelToCard: "A label added to a card",
  addAttachmentToCard: "An attachment added",
  updateCheckItemStateOnCard: "A checklist item checked",
  deleteCard: "A card deleted",
  createList: "A list created",
} as const;

/** A card as the cards endpoints answer it (https://developer.atlassian.com/cloud/trello/rest/api-group-cards/). */
const CARD_SAMPLE = {
  id: "5abbe4b7ddc1b351ef961414",
  name: "Order 1001",
  desc: "2 items, ship by Friday",
  closed: false,
  idBoard: "5abbe4b7ddc1b351ef961410",
  idList: "5abbe4b7ddc1b351ef961412",
  idMembers: ["5abbe4b7ddc1b351ef961420"],
  idLabels: ["5abbe4b7ddc1b351ef961430"],
  labels: [{ id: "5abbe4b7ddc1b351ef961430", idBoard: "5abbe4b7ddc1b351ef961410", name: "Priority", color: "red" }],
  idShort: 7,
  shortLink: "3CsPkqOF",
  shortUrl: "https://trello.com/c/3CsPkqOF",
  url: "https://trello.com/c/3CsPkqOF/7-order-1001",
  pos: 65535,
  start: null,
  due: "2025-11-14T17:00:00.000Z",
  dueComplete: false,
  dateLastActivity: "2025-11-10T15:30:00.000Z",
  badges: { votes: 0, comments: 0, attachments: 0, checkItems: 0, checkItemsChecked: 0, description: true, due: "2025-11-14T17:00:00.000Z", dueComplete: false },
};

/**
 * Trello REST API 1 (https://developer.atlassian.com/cloud/trello/rest/). Errors are plain text
 * ("invalid id", "unauthorized card permission requested") or `{ message, error }`; 429 when over
 * the limit of 100 requests per 10 s per token.
 */
export const trello = defineConnector({
  id: "trello",
  name: "Trello",
  description: "Create, move and comment on cards; list a list's cards.",
  icon: Columns3,
  baseUrl: "https://api.trello.com/1",
  // Trello: 100 requests per 10 s per token.
  rateLimit: { requests: 10, per: "second" },
  testPath: "/members/me",
  auth: trelloAuth,
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    if (typeof body === "string" && body.trim()) return { message: body.trim().slice(0, 300) };
    const error = body as { message?: string; error?: string } | null;
    return error?.message ? { message: error.error ? `${error.error}: ${error.message}` : error.message } : undefined;
  },
  actions: [
    defineAction({
      name: "createCard",
      label: "Create card",
      description: "Add a card to a list (POST /cards).",
      props: {
        listId: idList("List id", "The list the card goes in."),
        name: z.string().trim().min(1, "Name the card").meta({ title: "Name" }),
        description: z.string().optional().meta({ title: "Description", description: "Markdown.", widget: "textarea" }),
        due: z.string().trim().optional().meta({ title: "Due", description: "An ISO date and time, e.g. {{ $now() }}." }),
        position: z.enum(["top", "bottom"]).default("bottom").meta({ title: "Position", optionLabels: { top: "Top of the list", bottom: "Bottom of the list" } }),
        memberIds: ids("Member ids"),
        labelIds: ids("Label ids"),
      },
      defaults: { listId: "", name: "Order {{ trigger.body.id }}", position: "bottom" },
      request: (p) => ({
        method: "POST",
        path: "/cards",
        json: { idList: p.listId, name: p.name, pos: p.position, ...(p.description ? { desc: p.description } : {}), ...(p.due ? { due: p.due } : {}), ...(p.memberIds?.length ? { idMembers: p.memberIds } : {}), ...(p.labelIds?.length ? { idLabels: p.labelIds } : {}) },
      }),
      sample: CARD_SAMPLE,
    }),
    defineAction({
      name: "updateCard",
      label: "Update card",
      description: "Rename, move, mark done or archive a card (PUT /cards/{id}); empty fields stay as they are.",
      props: {
        cardId,
        name: z.string().trim().optional().meta({ title: "Name" }),
        description: z.string().optional().meta({ title: "Description", widget: "textarea" }),
        listId: z.string().trim().optional().meta({ title: "Move to list id" }),
        dueComplete: z.enum(["unchanged", "done", "not done"]).default("unchanged").meta({ title: "Due date", optionLabels: { unchanged: "Leave as it is", done: "Mark complete", "not done": "Mark not complete" } }),
        archive: z.boolean().optional().meta({ title: "Archive the card" }),
      },
      defaults: { cardId: "", dueComplete: "unchanged" },
      request: (p) => ({
        method: "PUT",
        path: path`/cards/${p.cardId}`,
        json: {
          ...(p.name ? { name: p.name } : {}),
          ...(p.description !== undefined && p.description !== "" ? { desc: p.description } : {}),
          ...(p.listId ? { idList: p.listId } : {}),
          ...(p.dueComplete === "unchanged" ? {} : { dueComplete: p.dueComplete === "done" }),
          ...(p.archive ? { closed: true } : {}),
        },
      }),
      sample: { ...CARD_SAMPLE, idList: "5abbe4b7ddc1b351ef961413", dueComplete: true, badges: { ...CARD_SAMPLE.badges, dueComplete: true } },
    }),
    defineAction({
      name: "addComment",
      label: "Add comment",
      description: "Comment on a card (POST /cards/{id}/actions/comments).",
      props: { cardId, text: z.string().min(1, "Write the comment").max(16384).meta({ title: "Comment", widget: "textarea" }) },
      defaults: { cardId: "", text: "" },
      request: (p) => ({ method: "POST", path: path`/cards/${p.cardId}/actions/comments`, query: { text: p.text } }),
      sample: {
        id: "5e66a01fe6a7d93a1a6c4ab2",
        idMemberCreator: "5abbe4b7ddc1b351ef961420",
        data: {
          text: "Shipped with tracking 1Z999AA10123456784",
          card: { id: "5abbe4b7ddc1b351ef961414", name: "Order 1001", idShort: 7, shortLink: "3CsPkqOF" },
          board: { id: "5abbe4b7ddc1b351ef961410", name: "Orders", shortLink: "nC8QJJoZ" },
          list: { id: "5abbe4b7ddc1b351ef961412", name: "To ship" },
        },
        type: "commentCard",
        date: "2025-11-10T15:41:51.396Z",
        memberCreator: { id: "5abbe4b7ddc1b351ef961420", fullName: "Ada Lovelace", initials: "AL", username: "adalovelace", avatarHash: null, avatarUrl: null },
      },
    }),
    defineAction({
      name: "listCards",
      label: "List cards",
      description: "The open cards of a list (GET /lists/{id}/cards).",
      props: { listId: idList("List id", "The list to read.") },
      defaults: { listId: "" },
      request: (p) => ({ method: "GET", path: path`/lists/${p.listId}/cards`, query: { fields: "name,desc,due,dueComplete,idList,idMembers,labels,shortUrl,dateLastActivity" } }),
      sample: [
        {
          id: CARD_SAMPLE.id,
          name: CARD_SAMPLE.name,
          desc: CARD_SAMPLE.desc,
          due: CARD_SAMPLE.due,
          dueComplete: false,
          idList: CARD_SAMPLE.idList,
          idMembers: CARD_SAMPLE.idMembers,
          labels: CARD_SAMPLE.labels,
          shortUrl: CARD_SAMPLE.shortUrl,
          dateLastActivity: CARD_SAMPLE.dateLastActivity,
        },
      ],
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onAction",
      label: "On board activity",
      description: "Start when something happens on a board, list or card: a card created, moved, commented… (a webhook Trello gets when the workflow goes live).",
      props: {
        modelId: z.string().trim().min(1, "Give the board id").meta({ title: "Board id", description: "The board to watch (or a list or card id), e.g. from the board's URL + .json → id." }),
        actions: optionalChoicesField(ACTION_TYPES, { title: "Activity", description: "Start only on these; empty: everything Trello reports." }),
        appSecret: signingSecretField({ title: "API secret", description: "trello.com/power-ups/admin → your API key → Secret: Trello signs every call with it.", missing: "Enter the API key's secret" }),
      },
      defaults: { modelId: "", actions: ["createCard", "updateCard", "commentCard"], appSecret: "" },
      signature: "trello",
      signingSecretProp: "appSecret",
      // Trello checks the URL with a HEAD request when the webhook is created.
      probe: "HEAD",
      dedup: { expression: "body.action.id" },
      accepts: (p, { body }) => {
        const type = (body as { action?: { type?: string } } | null)?.action?.type;
        return !!type && (!p.actions?.length || (p.actions as string[]).includes(type));
      },
      register: {
        create: (p, target) => ({ method: "POST", path: "/webhooks", json: { callbackURL: target.url, idModel: p.modelId, description: "Switchboard workflow" } }),
        read: ({ body }) => {
          const id = (body as { id?: string }).id;
          if (!id) throw new Error("Trello's answer has no webhook id");
          return { id };
        },
        remove: (_p, id) => ({ method: "DELETE", path: path`/webhooks/${id}` }),
      },
      sample: {
        action: {
          id: "59bc8e2ddbd7af0e1474fb0e",
          idMemberCreator: "5abbe4b7ddc1b351ef961420",
          data: {
            card: { id: "5abbe4b7ddc1b351ef961414", name: "Order 1001", idShort: 7, shortLink: "3CsPkqOF" },
            list: { id: "5abbe4b7ddc1b351ef961412", name: "To ship" },
            board: { id: "5abbe4b7ddc1b351ef961410", name: "Orders", shortLink: "nC8QJJoZ" },
          },
          type: "createCard",
          date: "2025-11-10T15:30:00.000Z",
          memberCreator: { id: "5abbe4b7ddc1b351ef961420", fullName: "Ada Lovelace", initials: "AL", username: "adalovelace", avatarHash: null, avatarUrl: null },
        },
        model: {
          id: "5abbe4b7ddc1b351ef961410",
          name: "Orders",
          desc: "",
          closed: false,
          idOrganization: "597f2c1a80a903bf442c826e",
          url: "https://trello.com/b/nC8QJJoZ/orders",
          shortUrl: "https://trello.com/b/nC8QJJoZ",
        },
      },
    }),
  ],
});
