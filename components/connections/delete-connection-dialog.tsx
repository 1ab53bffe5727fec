"use client";

import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describeError } from "@/lib/client/api";
import type { ConnectionView } from "@/lib/connections/types";
import { useDeleteConnection } from "./connection-queries";

export function DeleteConnectionDialog({ connection, onOpenChange }: { connection: ConnectionView | null; onOpenChange: (open: boolean) => void }) {
  const remove = useDeleteConnection();
  const confirm = async () => {
    if (!connection) return;
    try {
      await remove.mutateAsync(connection.id);
      toast.success(`Deleted “${connection.name}”`);
      onOpenChange(false);
    } catch (error) {
      toast.error(describeError(error));
    }
  };
  return (
    <ConfirmDialog
      open={!!connection}
      onOpenChange={onOpenChange}
      title={<>Delete “{connection?.name}”?</>}
      description="Its credentials are deleted for good. Nodes that use this connection fail until you choose another one."
      confirmLabel="Delete connection"
      pending={remove.isPending}
      onConfirm={confirm}
    />
  );
}
