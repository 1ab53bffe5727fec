"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { INVITATION_HEADER } from "@/lib/auth/headers";

interface AuthFormProps {
  mode: "sign-in" | "sign-up";
  /** An invitation link's token: sign-up joins its workspace; sign-in accepts it afterwards. */
  invitation?: string;
  title?: string;
  description?: string;
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text();
  let message = text;
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    // plain text answer
  }
  if (response.status === 429) {
    // The per-account lock says how long itself; the per-address limit answers a generic text.
    if (/this account/i.test(message)) return message;
    return `Too many attempts. Try again in ${response.headers.get("x-retry-after") ?? 60} seconds.`;
  }
  return message || `Request failed (${response.status})`;
}

/** E-mail and password form for signing in or creating an account (better-auth endpoints under /api/auth). */
export function AuthForm({ mode, invitation, title, description }: AuthFormProps) {
  const id = useId();
  const params = useSearchParams();
  const invite = invitation ?? params.get("invitation") ?? undefined;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const body = { email: String(form.get("email")), password: String(form.get("password")), ...(mode === "sign-up" ? { name: String(form.get("name") || "") } : {}) };
      const response = await fetch(`/api/auth/${mode}/email`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(invite && mode === "sign-up" ? { [INVITATION_HEADER]: invite } : {}) },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(await errorMessage(response));
      if (invite && mode === "sign-in") {
        const accepted = await fetch("/api/invitations/accept", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: invite }) });
        if (!accepted.ok) throw new Error(((await accepted.json()) as { error?: string }).error ?? "The invitation could not be accepted");
      }
      const next = params.get("next");
      window.location.assign(next && next.startsWith("/") && !next.startsWith("//") ? next : "/workflows");
    } catch (caught) {
      setError((caught as Error).message);
      setPending(false);
    }
  }

  const signIn = mode === "sign-in";
  const other = signIn ? "/sign-up" : "/sign-in";
  const otherQuery = invite ? `?invitation=${encodeURIComponent(invite)}` : "";
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle className="text-xl">{title ?? (signIn ? "Sign in to Switchboard" : "Create your account")}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex flex-col gap-4">
          {!signIn ? (
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${id}-name`}>Name</Label>
              <Input id={`${id}-name`} name="name" autoComplete="name" maxLength={100} />
            </div>
          ) : null}
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-email`}>E-mail</Label>
            <Input id={`${id}-email`} name="email" type="email" autoComplete="email" required />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-password`}>Password</Label>
            <Input id={`${id}-password`} name="password" type="password" autoComplete={signIn ? "current-password" : "new-password"} minLength={8} required />
          </div>
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending}>
            {pending ? <Loader2 className="size-4 animate-spin" /> : null}
            {signIn ? "Sign in" : "Create account"}
          </Button>
          <p className="text-center text-sm text-muted-foreground">
            {signIn ? "No account yet? " : "Have an account? "}
            <Link href={`${other}${otherQuery}`} className="font-medium text-foreground underline-offset-4 hover:underline">
              {signIn ? "Create one" : "Sign in"}
            </Link>
          </p>
        </form>
      </CardContent>
    </Card>
  );
}
