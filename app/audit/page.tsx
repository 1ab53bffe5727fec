import type { Metadata } from "next";
import { AuditView } from "@/components/audit/audit-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <div className="mx-auto max-w-6xl p-8">
      <PageHeader title="Audit log" description="Who did what in this workspace, when and from which address. Secrets are never recorded." />
      <AuditView />
    </div>
  );
}
