import { describe, expect, it } from "vitest";
import { CircuitOpenError, freshRecord, recordOutcome, breakerSettings } from "@/lib/outbound/breaker";
import { errorSignature, foldBySignature } from "@/lib/runs/error-signature";

function refusal(openedAt: number): CircuitOpenError {
  const record = recordOutcome(freshRecord(openedAt), openedAt, false, breakerSettings({ failureThreshold: 1 }), false, 'HTTP 500: {"error":"database unavailable"}');
  return new CircuitOpenError("host:api.example.com", "api.example.com", record);
}

describe("error signature", () => {
  it("removes timestamps, ids and durations but keeps status codes", () => {
    expect(errorSignature("Run cm4x9k2j50000abcd1234efgh failed at 2026-12-04T12:52:07.455Z after 1500 ms")).toBe("Run <id> failed at <time> after <duration>");
    expect(errorSignature("Record 3f2b8c1e-7d4a-4e2b-9c1a-0b5e6f7a8d9c not found")).toBe("Record <id> not found");
    expect(errorSignature("HTTP 500: internal")).not.toBe(errorSignature("HTTP 404: internal"));
  });

  it("a breaker refusal leads with the underlying cause and names the breaker as context", () => {
    const message = refusal(Date.parse("2026-12-04T12:50:00Z")).message;
    expect(message.startsWith('HTTP 500: {"error":"database unavailable"}')).toBe(true);
    expect(message).toContain("circuit breaker for api.example.com is open");
  });

  it("two runs failing behind an open breaker (reopened at different times) form one group", () => {
    const first = refusal(Date.parse("2026-12-04T12:50:00Z")).message;
    const second = refusal(Date.parse("2026-12-04T13:10:42.120Z")).message;
    expect(first).not.toBe(second);
    const rows = [
      { workflowId: "w1", nodeId: "call", message: first, count: 1, firstAt: "2026-12-04T12:50:01.000Z", lastAt: "2026-12-04T12:50:01.000Z" },
      { workflowId: "w1", nodeId: "call", message: second, count: 1, firstAt: "2026-12-04T13:10:43.000Z", lastAt: "2026-12-04T13:10:43.000Z" },
      { workflowId: "w1", nodeId: "other", message: second, count: 1, firstAt: null, lastAt: "2026-12-04T13:11:00.000Z" },
    ];
    const groups = foldBySignature(rows, (r) => `${r.workflowId}/${r.nodeId}`);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ nodeId: "call", count: 2, firstAt: "2026-12-04T12:50:01.000Z", lastAt: "2026-12-04T13:10:43.000Z", message: second });
  });
});
