import { randomBytes } from "node:crypto";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, maskSecret, needsReencryption } from "@/lib/secrets/crypto";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("secrets at rest", () => {
  it("round-trips with a configured key and never contains the plaintext", () => {
    process.env.SWITCHBOARD_SECRET_KEY = randomBytes(32).toString("hex");
    const blob = encryptSecret("sk_live_supersecret");
    expect(blob).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(blob).not.toContain("supersecret");
    expect(encryptSecret("sk_live_supersecret")).not.toBe(blob);
    expect(decryptSecret(blob)).toBe("sk_live_supersecret");
  });

  it("detects tampering", () => {
    process.env.SWITCHBOARD_SECRET_KEY = randomBytes(32).toString("base64");
    const parts = encryptSecret("hello world").split(":");
    parts[5] = Buffer.from("jello world").toString("base64url");
    expect(() => decryptSecret(parts.join(":"))).toThrow();
  });

  it("keeps decrypting with the previous key after a rotation", () => {
    const oldKey = randomBytes(32).toString("hex");
    process.env.SWITCHBOARD_SECRET_KEY = oldKey;
    const blob = encryptSecret("token-123");
    process.env.SWITCHBOARD_SECRET_KEY = randomBytes(32).toString("hex");
    expect(() => decryptSecret(blob)).toThrow(/not configured/);
    process.env.SWITCHBOARD_SECRET_KEYS_PREVIOUS = oldKey;
    expect(decryptSecret(blob)).toBe("token-123");
    expect(needsReencryption(blob)).toBe(true);
    expect(needsReencryption(encryptSecret("token-123"))).toBe(false);
  });

  it("generates an owner-only key file when none is configured", () => {
    delete process.env.SWITCHBOARD_SECRET_KEY;
    const dir = mkdtempSync(path.join(tmpdir(), "secrets-"));
    process.env.SWITCHBOARD_DATA_DIR = dir;
    expect(decryptSecret(encryptSecret("x"))).toBe("x");
    expect(statSync(path.join(dir, "secret-key")).mode & 0o777).toBe(0o600);
  });

  it("masks secrets for display", () => {
    expect(maskSecret("sk_live_1234567890abcd")).toBe("••••abcd");
    expect(maskSecret("short")).toBe("••••");
  });
});
