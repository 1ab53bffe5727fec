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
  if (PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(page))) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Pages only: not the API, Next's assets or files.
  matcher: ["/((?!api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)"],
};
