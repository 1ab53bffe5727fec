import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/server";

export const dynamic = "force-dynamic";

/** better-auth's endpoints: sign-up, sign-in, sign-out, session (rate limited, Origin-checked). */
export const { GET, POST } = toNextJsHandler((request: Request) => auth().handler(request));
