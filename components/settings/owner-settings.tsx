"use client";

import { useCan, useMe } from "@/lib/client/access";
import { ApiKeysSettings } from "./api-keys-settings";
import { MembersSettings } from "./members-settings";
import { SignupsSettings } from "./signups-settings";

/** The settings only owners see: members and invitations, API keys, and (first workspace) who may sign up. */
export function OwnerSettings() {
  const owner = useCan("owner");
  const me = useMe();
  if (!owner) return null;
  return (
    <>
      <MembersSettings />
      <ApiKeysSettings />
      {me.data?.workspace.id === "default" ? <SignupsSettings /> : null}
    </>
  );
}
