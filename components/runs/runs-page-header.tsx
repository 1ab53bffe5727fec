import { PageHeader } from "@/components/ui/page-header";
import { RunsTabs } from "./runs-tabs";

export function RunsPageHeader({ view = "all" }: { view?: "all" | "failed" }) {
  return (
    <>
      <PageHeader
        title={view === "failed" ? "Failed runs" : "Runs"}
        description={
          view === "failed"
            ? "Failed runs nobody has replayed yet, grouped by workflow, failed step and error. Fix the cause, then replay them: replays start a few at a time."
            : "Every run of every workflow, newest first. New runs and status changes appear live."
        }
        className="pb-4"
      />
      <RunsTabs />
    </>
  );
}
