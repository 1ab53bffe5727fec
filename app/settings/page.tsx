import type { Metadata } from "next";
import { RetentionSettings } from "@/components/settings/retention-settings";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <div className="mx-auto max-w-3xl p-8">
      <PageHeader title="Settings" description="Settings that apply to the whole Switchboard installation." />
      <RetentionSettings />
    </div>
  );
}
