/** Browser-like account calls against a test server: each answers the session cookie to send as `cookie`. */

export interface AccountInput {
  email: string;
  password: string;
  name?: string;
  /** The Origin header (the server's URL, or PUBLIC_URL when the server has one). */
  origin: string;
  /** An invitation link's token. */
  invitation?: string;
}

export function sessionCookie(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

export async function signUpResponse(url: string, input: AccountInput): Promise<Response> {
  return fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: input.origin, ...(input.invitation ? { "x-switchboard-invitation": input.invitation } : {}) },
    body: JSON.stringify({ email: input.email, password: input.password, name: input.name ?? input.email.split("@")[0] }),
  });
}

export async function signUp(url: string, input: AccountInput): Promise<string> {
  const response = await signUpResponse(url, input);
  if (!response.ok) throw new Error(`Sign-up of ${input.email} failed: ${response.status} ${await response.text()}`);
  return sessionCookie(response);
}

export async function signInResponse(url: string, input: Omit<AccountInput, "name" | "invitation">): Promise<Response> {
  return fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: input.origin },
    body: JSON.stringify({ email: input.email, password: input.password }),
  });
}

export async function signIn(url: string, input: Omit<AccountInput, "name" | "invitation">): Promise<string> {
  const response = await signInResponse(url, input);
  if (!response.ok) throw new Error(`Sign-in of ${input.email} failed: ${response.status} ${await response.text()}`);
  return sessionCookie(response);
}
