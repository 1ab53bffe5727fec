import { describe, expect, it } from "vitest";
import { sendgrid } from "@/lib/connectors/sendgrid";
import { getNodeDefinition } from "@/lib/nodes";

const trigger = sendgrid.triggers!.find((t) => t.name === "onEvent")!;
const context = { settings: {}, digest: () => "" };
const publicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T6yN4X7WQGXNRoGz9pB3Mjl2pC8Vh2tXvdUyCh0Y7f0kqQZ4b8ZxXU8n4cFf3C0k9bm1wPZqUu2mL2a9+Vfw==";

describe("sendgrid.onEvent", () => {
  const props = { connectionId: "con_1", events: ["delivered", "bounce", "spamreport"] };
  const event = (id: string, type: string, extra: Record<string, unknown> = {}) => ({ email: "ada@example.com", timestamp: 1513299569, event: type, sg_event_id: id, sg_message_id: "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0", ...extra });

  it("splits a posted list into one run per event asked for, keyed by sg_event_id, in order", () => {
    const posted = [event("a", "processed"), event("b", "delivered"), event("c", "open"), event("d", "bounce", { type: "blocked", reason: "550" }), event("e", "spamreport")];
    const runs = trigger.events!(props, { headers: {}, body: posted });
    expect(runs).toEqual([
      { key: "b", body: posted[1] },
      { key: "d", body: posted[3] },
      { key: "e", body: posted[4] },
    ]);
    expect(trigger.events!(props, { headers: {}, body: [event("f", "click"), null, "text"] })).toEqual([]);
    // An event without sg_event_id is still keyed by what identifies it, so its repeat is one too.
    const { sg_event_id: _id, ...unnamed } = event("", "delivered");
    expect(trigger.events!(props, { headers: {}, body: [unnamed] })[0].key).toBe("14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0:delivered:ada@example.com:1513299569");
  });

  it("refuses a body that is not a list of events", () => {
    expect(() => trigger.events!(props, { headers: {}, body: { event: "delivered" } })).toThrow(/JSON list of events/);
  });

  it("registers an Event Webhook with exactly the chosen events on, then switches signing on for its public key", () => {
    const request = trigger.register!.create(props, { url: "https://switchboard.example/api/hooks/abc", secret: "unused" }, context);
    expect(request).toEqual({
      method: "POST",
      path: "/user/webhooks/event/settings",
      json: {
        enabled: true,
        url: "https://switchboard.example/api/hooks/abc",
        friendly_name: "Switchboard workflow",
        processed: false,
        delivered: true,
        deferred: false,
        bounce: true,
        dropped: false,
        open: false,
        click: false,
        spam_report: true,
        unsubscribe: false,
        group_unsubscribe: false,
        group_resubscribe: false,
      },
    });
    expect(trigger.register!.read({ status: 201, headers: {}, body: { id: "77d4a5da-7015-11ed-a1eb-0242ac120002", enabled: true } })).toEqual({ id: "77d4a5da-7015-11ed-a1eb-0242ac120002" });
    const signing = trigger.register!.signingSecret!;
    expect(signing.request("77d4a5da-7015-11ed-a1eb-0242ac120002", context)).toEqual({ method: "PATCH", path: "/user/webhooks/event/settings/signed/77d4a5da-7015-11ed-a1eb-0242ac120002", json: { enabled: true } });
    expect(signing.read({ status: 200, headers: {}, body: { id: "77d4a5da-7015-11ed-a1eb-0242ac120002", public_key: publicKey } })).toBe(publicKey);
    expect(() => signing.read({ status: 200, headers: {}, body: { id: "77d4a5da-7015-11ed-a1eb-0242ac120002", public_key: "" } })).toThrow(/no public key/);
    expect(trigger.register!.remove(props, "77d4a5da-7015-11ed-a1eb-0242ac120002", context)).toEqual({ method: "DELETE", path: "/user/webhooks/event/settings/77d4a5da-7015-11ed-a1eb-0242ac120002" });
  });

  it("is a node asking for a connection and at least one event", () => {
    const definition = getNodeDefinition("sendgrid.onEvent")!;
    expect(definition.label).toBe("SendGrid: On email event");
    expect(definition.config.safeParse({ connectionId: "con_1", events: [] }).success).toBe(false);
    expect(definition.config.safeParse({ connectionId: "con_1", events: ["open", "group_resubscribe"] }).success).toBe(true);
  });
});
