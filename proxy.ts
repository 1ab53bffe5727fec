import { NextResponse, type NextRequest } from "next/server";

/** Pages anyone may open: signing in or up, and invitation links. */
const PUBLIC_PAGES = ["/sign-in", "/sign-up", "/invite/"];
const SESSION_COOKIES = ["switchboard.session_token", "__Secure-switchboard.session_token"];

/**
 * Sends visitors without a session cookie to the sign-in page. Only a first, optimistic check for
 * pages: every API route checks the session (or API key) itself (lib/auth/access.ts).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next.js answers a path it cannot percent-decode with a bare 500 while matching routes; answer first.
  if (!decodable(pathname)) return malformedPath(pathname);
  if (pathname.startsWith("/api/")) return NextResponse.next();
  if (PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(page))) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

/** Percent-decodes to valid UTF-8, without NUL characters (no id has one, and PostgreSQL cannot compare text with one). */
function decodable(pathname: string): boolean {
  try {
    return !decodeURIComponent(pathname).includes("\u0000");
  } catch {
    return false;
  }
}

function malformedPath(pathname: string) {
  const message = "The URL path has malformed percent-encoding (each %XX must form valid UTF-8, and %00 is not allowed)";
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Not found: malformed URL path", issues: [{ path: "path", message }] }, { status: 404 });
  return new NextResponse(message, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Pages, and API paths with percent-encoding (checked above; the API checks sessions itself). Not Next's assets or files.
  matcher: ["/((?!api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)", "/api/(.*%.*)"],
};
