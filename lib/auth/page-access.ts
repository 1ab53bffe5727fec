import { headers } from "next/headers";
import { cache } from "react";
import { ApiError } from "@/lib/api/http";
import { requireAccess, type Access } from "./access";

/**
 * For a server-rendered page: who is signed in (the same check as an API route, from the page
 * request's cookies), with that request for helpers that read its origin; null when nobody is.
 * Pages use it to send their first data with the HTML instead of a fetch after hydration. Cached
 * per request: the layout and the page ask once between them.
 */
export const pageAccess = cache(async (): Promise<{ access: Access; request: Request } | null> => {
  // publicOrigin reads the forwarded and Host headers before the URL, so the URL itself is a placeholder.
  const request = new Request("http://localhost/", { headers: await headers() });
  try {
    return { access: await requireAccess(request, "viewer"), request };
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
});
