import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** On a fresh install there is nobody to sign in: the first visitor creates the owner account. */
export default async function SignInPage() {
  if ((await db().user.count()) === 0) redirect("/sign-up?first=1");
  return (
    <Suspense>
      <AuthForm mode="sign-in" />
    </Suspense>
  );
}
