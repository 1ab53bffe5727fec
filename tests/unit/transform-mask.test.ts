import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { matches } from "@/lib/nodes/transform-mask";
import { outputOf } from "../support/transforms";

const user = {
  name: "Ada",
  password: "hunter2",
  card: { number: "4242424242424242", cvc: 123 },
  phone: "+33612345678",
  contacts: [
    { email: "a@example.com", password: "x" },
    { email: "b@example.com", profile: { password: "y" } },
  ],
  note: null,
};

const mask = (rules: Record<string, unknown>[], data: unknown = user, extra: Record<string, unknown> = {}) => outputOf("transform.mask", { rules, ...extra }, data);

describe("transform.mask", () => {
  it("redacts fields by dotted path, in a copy", async () => {
    const input = structuredClone(user);
    const output = await mask([{ path: "password" }, { path: "card.cvc" }], input);
    expect(output).toEqual({ ...user, password: "[REDACTED]", card: { number: "4242424242424242", cvc: "[REDACTED]" } });
    expect(input).toEqual(user);
  });

  it("keeps only the last characters with partial", async () => {
    expect(await mask([{ path: "card.number", action: "partial", keepLast: 4 }, { path: "card.cvc", action: "partial", keepLast: 0 }, { path: "phone", action: "partial", keepLast: 20 }])).toMatchObject({
      card: { number: "************4242", cvc: "***" },
      phone: "************",
    });
  });

  it("reaches into lists with * and any depth with **", async () => {
    expect(await mask([{ path: "contacts.*.email", action: "partial", keepLast: 11 }, { path: "**.password" }])).toMatchObject({
      password: "[REDACTED]",
      contacts: [
        { email: "**example.com", password: "[REDACTED]" },
        { email: "**example.com", profile: { password: "[REDACTED]" } },
      ],
    });
  });

  it("hashes with SHA-256, or HMAC-SHA-256 with a key, so equal values still match", async () => {
    const sha = createHash("sha256").update("+33612345678").digest("hex");
    expect(await mask([{ path: "phone", action: "hash" }])).toMatchObject({ phone: sha });
    const hmac = createHmac("sha256", "k3y").update("+33612345678").digest("hex");
    expect(await mask([{ path: "phone", action: "hash" }], user, { hashKey: "k3y" })).toMatchObject({ phone: hmac });
    expect(await mask([{ path: "card", action: "hash" }])).toMatchObject({ card: createHash("sha256").update(JSON.stringify(user.card)).digest("hex") });
  });

  it("redacts whole objects, leaves nulls and missing fields alone, and applies the first matching rule", async () => {
    expect(await mask([{ path: "card", action: "partial" }, { path: "note" }, { path: "nope.deeper" }])).toMatchObject({ card: "[REDACTED]", note: null });
    expect(await mask([{ path: "card.number", action: "partial", keepLast: 2 }, { path: "card.*" }])).toMatchObject({ card: { number: "**************42", cvc: "[REDACTED]" } });
  });

  it("masks a list given as data, and list positions by number", async () => {
    expect(await mask([{ path: "*.email" }, { path: "0.password" }], user.contacts)).toEqual([
      { email: "[REDACTED]", password: "[REDACTED]" },
      { email: "[REDACTED]", profile: { password: "y" } },
    ]);
  });

  it("matches patterns segment by segment", () => {
    expect(matches(["a", "*", "c"], ["a", "b", "c"])).toBe(true);
    expect(matches(["a", "*", "c"], ["a", "c"])).toBe(false);
    expect(matches(["**", "c"], ["c"])).toBe(true);
    expect(matches(["**", "c"], ["a", "b", "c"])).toBe(true);
    expect(matches(["a", "**"], ["a", "b", "c"])).toBe(true);
    expect(matches(["**", "c"], ["a", "c", "d"])).toBe(false);
  });
});
