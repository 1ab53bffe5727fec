import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oauth2Token } from "@/lib/connections/http-auth";
import type { LoadedConnection } from "@/lib/connections/store";

let server: Server;
let url = "";
let fetches = 0;
let lifetime = 3600;
const saved = process.env.OUTBOUND_ALLOWLIST;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1/32";
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      fetches++;
      const ok = req.headers.authorization === `Basic ${Buffer.from("client-1:secret-1").toString("base64")}` && body.includes("grant_type=client_credentials") && body.includes("scope=read");
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify(ok ? { access_token: `token-${fetches}`, expires_in: lifetime } : { error: "invalid_client" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/token`;
});
afterAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = saved;
  await new Promise((resolve) => server.close(resolve));
});

const connection = (id: string, updatedAt = new Date(0)): LoadedConnection => ({
  id,
  name: "auth",
  type: "oauth2",
  config: { tokenUrl: url, clientId: "client-1", scope: "read", authStyle: "header" },
  secrets: { clientSecret: "secret-1" },
  updatedAt,
});

describe("OAuth2 client credentials", () => {
  it("fetches a token once and reuses it until it nears expiry; concurrent callers share one fetch", async () => {
    lifetime = 3600;
    const before = fetches;
    const tokens = await Promise.all([oauth2Token(connection("a")), oauth2Token(connection("a")), oauth2Token(connection("a"))]);
    expect(new Set(tokens).size).toBe(1);
    expect(await oauth2Token(connection("a"))).toBe(tokens[0]);
    expect(fetches - before).toBe(1);
  });

  it("fetches again when the token is about to expire, or when the connection changed", async () => {
    lifetime = 10; // inside the 30 s renewal margin: never reused
    const first = await oauth2Token(connection("b"));
    const second = await oauth2Token(connection("b"));
    expect(second).not.toBe(first);
    lifetime = 3600;
    const third = await oauth2Token(connection("c"));
    expect(await oauth2Token(connection("c", new Date(1)))).not.toBe(third);
  });

  it("reports a refused client clearly", async () => {
    const bad = { ...connection("d"), secrets: { clientSecret: "wrong" } };
    await expect(oauth2Token(bad)).rejects.toThrow(/token endpoint answered 401/);
  });
});
