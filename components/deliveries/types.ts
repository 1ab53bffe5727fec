/** A webhook delivery as GET /api/workflows/:id/deliveries returns it (docs/api.md). */
export interface Delivery {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType: string | null;
  body: string | null;
  bodyTruncated: boolean;
  outcome: "accepted" | "duplicate" | "rejected";
  reason: string | null;
  status: number;
  runId: string | null;
  dedupKey: string | null;
  resentFrom: string | null;
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
}

export type OutcomeFilter = "all" | Delivery["outcome"];
