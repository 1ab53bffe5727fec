import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { publicOrigin } from "@/lib/api/http";
import { db, dbKind } from "@/lib/db/client";
import { audit } from "./audit";
import { clientIp } from "./client-ip";
import { INVITATION_HEADER } from "./headers";
import { authSecret } from "./secret";
import { lockedForSeconds, recordSignInFailure, recordSignInSuccess } from "./sign-in-lockout";
import { findInvitation, memberships, placeNewUser, signupsOpen } from "./workspaces";

/** Failed or not, at most this many sign-in attempts per client address and minute (then 429). */
const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;
const SIGN_IN_PATH = "/sign-in/email";

/** The e-mail address of an e-mail sign-in request, or null for any other request. */
function signInEmail(ctx: { path: string; body?: unknown }): string | null {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  return ctx.path === SIGN_IN_PATH && typeof email === "string" ? email : null;
}

function createAuth() {
  const secure = process.env.PUBLIC_URL?.startsWith("https://") ?? false;
  return betterAuth({
    appName: "Switchboard",
    secret: authSecret(),
    baseURL: process.env.PUBLIC_URL || undefined,
    basePath: "/api/auth",
    database: prismaAdapter(db(), { provider: dbKind() }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 200, autoSignIn: true },
    session: { expiresIn: 7 * 86_400, updateAge: 86_400 },
    // Only this site's own pages may post to the auth endpoints (with the Origin header browsers send).
    trustedOrigins: (request) => (request ? [publicOrigin(request)] : []),
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
        "/sign-up/email": { window: 60, max: 10 },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const email = signInEmail(ctx);
        if (email === null) return;
        const seconds = lockedForSeconds(email);
        if (seconds) {
          throw new APIError("TOO_MANY_REQUESTS", {
            message: `Too many failed sign-ins for this account: try again in ${Math.ceil(seconds / 60)} minutes`,
          }, { "X-Retry-After": String(seconds) });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const email = signInEmail(ctx);
        if (email === null) return;
        if (ctx.context.returned instanceof APIError) recordSignInFailure(email);
        else recordSignInSuccess(email);
      }),
    },
    advanced: {
      // Explicit: better-auth turns these checks off when it thinks it runs under a test runner.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      cookiePrefix: "switchboard",
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      database: { generateId: () => crypto.randomUUID() },
    },
    databaseHooks: {
      user: {
        create: {
          // Requests from browsers need open sign-up or an invitation; the CLI (no request) may always create accounts.
          before: async (_user, context) => {
            if (!context?.request || (await signupsOpen())) return;
            const token = context.headers?.get(INVITATION_HEADER);
            if (token && (await findInvitation(token))) return;
            throw new APIError("FORBIDDEN", { message: "Sign-up is by invitation only: ask a workspace owner for an invitation link" });
          },
          after: async (user, context) => {
            const membership = await placeNewUser(user, context?.headers?.get(INVITATION_HEADER));
            if (context?.request) {
              await audit(membership.workspaceId, { label: user.email, id: user.id, ip: clientIp(context.request.headers) }, "member.join", user.email, { role: membership.role });
            }
          },
        },
      },
      session: {
        create: {
          after: async (session, context) => {
            if (!context?.request) return;
            const user = await db().user.findUnique({ where: { id: session.userId }, select: { email: true } });
            const ip = clientIp(context.request.headers);
            for (const membership of await memberships(session.userId)) {
              await audit(membership.workspaceId, { label: user?.email ?? session.userId, id: session.userId, ip }, "sign-in", user?.email ?? null);
            }
          },
        },
      },
    },
  });
}

type Auth = ReturnType<typeof createAuth>;
const holder = globalThis as typeof globalThis & { __switchboardAuth?: Auth };

/** The better-auth instance (one per process): e-mail and password accounts, sessions in cookies. */
export function auth(): Auth {
  holder.__switchboardAuth ??= createAuth();
  return holder.__switchboardAuth;
}
