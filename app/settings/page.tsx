import type { Metadata } from "next";
import { AiSettings } from "@/components/settings/ai-settings";
import { OwnerSettings } from "@/components/settings/owner-settings";
import { RetentionSettings } from "@/components/settings/retention-settings";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6 p-8">
      <PageHeader title="Settings" description="Settings of this workspace: run history, AI assistance, members and API keys." />
      <RetentionSettings />
      <AiSettings />
      <OwnerSettings />
    </div>
  );
}
