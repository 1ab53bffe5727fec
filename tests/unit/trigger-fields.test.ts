import { describe, expect, it } from "vitest";
import { configFields, isFieldShown } from "@/lib/editor/field-model";
import { getNodeDefinition } from "@/lib/nodes";
import { secretPaths } from "@/lib/document/secret-fields";
import { describeTrigger } from "@/lib/triggers/describe";

describe("trigger inspector forms", () => {
  it("the webhook form: methods as chips, grouped signature/dedup/response settings, secrets found", () => {
    const definition = getNodeDefinition("trigger.webhook")!;
    const fields = configFields(definition.config);
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ["methods", "multiselect"],
      ["signature", "group"],
      ["dedup", "group"],
      ["response", "group"],
      ["maxBodyBytes", "number"],
      ["rateLimitPerMinute", "number"],
    ]);
    expect(fields[0].options).toEqual(["POST", "PUT", "PATCH", "GET", "DELETE"]);
    const signature = fields[1].fields!;
    expect(signature.find((f) => f.key === "secret")).toMatchObject({ kind: "secret" });
    expect(secretPaths(definition)).toEqual([["signature", "secret"]]);
    expect(fields[5].placeholder).toBe("Unlimited");
  });

  it("shows only the settings that apply to the chosen scheme", () => {
    const signature = configFields(getNodeDefinition("trigger.webhook")!.config)[1].fields!;
    const shown = (values: Record<string, unknown>) => signature.filter((f) => isFieldShown(f, signature, values)).map((f) => f.key);
    expect(shown({})).toEqual(["scheme"]);
    expect(shown({ scheme: "stripe" })).toEqual(["scheme", "secret", "toleranceSeconds"]);
    expect(shown({ scheme: "hmac" })).toEqual(["scheme", "secret", "header", "algorithm", "encoding", "prefix"]);
    expect(shown({ scheme: "github" })).toEqual(["scheme", "secret"]);
  });

  it("the schedule form has a cron preview field and mode-dependent fields", () => {
    const fields = configFields(getNodeDefinition("trigger.schedule")!.config);
    expect(fields.find((f) => f.key === "cron")).toMatchObject({ kind: "cron", showWhen: { mode: ["cron"] } });
    expect(fields.find((f) => f.key === "interval")).toMatchObject({ kind: "duration", expressions: false });
    expect(fields.filter((f) => isFieldShown(f, fields, { mode: "interval" })).map((f) => f.key)).toEqual(["mode", "interval", "missed"]);
  });

  it("describes triggers in words for the workflows list", () => {
    expect(describeTrigger("trigger.schedule", { mode: "cron", cron: "0 9 * * 1-5", timezone: "Europe/Berlin" })).toBe("At 09:00, Monday through Friday (Europe/Berlin)");
    expect(describeTrigger("trigger.schedule", { mode: "interval", interval: "15m" })).toBe("Every 15m");
    expect(describeTrigger("trigger.event", { events: ["order.*", "refund.created"] })).toBe("order.*, refund.created");
    expect(describeTrigger("trigger.webhook", { signature: { scheme: "stripe", secret: "x" } })).toBe("POST · Stripe signature");
    expect(describeTrigger("trigger.poll", { url: "https://api.example.com/orders", interval: "1m" })).toBe("api.example.com/orders every 1m");
    expect(describeTrigger("trigger.webhook", { signature: { scheme: "basic", secret: "x" } })).toBe("POST · Basic auth signature");
    expect(describeTrigger("trello.onAction", { modelId: "b1", actions: ["createCard", "commentCard"] })).toBe("createCard, commentCard");
    expect(describeTrigger("telegram.onUpdate", { updates: ["message"] })).toBe("message");
    expect(describeTrigger("slack.onEvent", { events: [] })).toBeNull();
    expect(describeTrigger("trigger.manual", {})).toBeNull();
  });
});
