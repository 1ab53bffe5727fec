import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { TemplateGallery } from "@/components/templates/template-gallery";

export const metadata: Metadata = { title: "Templates" };

export default function TemplatesPage() {
  return (
    <div className="mx-auto max-w-6xl p-8">
      <PageHeader title="Templates" description="Start from a working workflow, then point its URLs and fields at your own systems." />
      <TemplateGallery />
    </div>
  );
}
