import { db } from "@/lib/db/client";
import { decryptSecret, encryptSecret, isEncrypted, needsReencryption } from "@/lib/secrets/crypto";
import { mapSecrets } from "@/lib/document/secret-fields";
import type { WorkflowDocument } from "@/lib/document/schema";
import { rotateConnectionSecrets } from "./store";

export interface RotationResult {
  connections: number;
  workflows: number;
  versions: number;
}

/** A blob encrypted with an older key, re-encrypted with the current one; null when it is current already. */
function reencrypt(blob: string): string | null {
  return isEncrypted(blob) && needsReencryption(blob) ? encryptSecret(decryptSecret(blob)) : null;
}

function rotateDocument(document: WorkflowDocument): WorkflowDocument | null {
  let changed = false;
  const nodes = document.nodes.map((node) => ({
    ...node,
    config: mapSecrets(node.type, node.config, (value) => {
      const next = reencrypt(value);
      if (!next) return value;
      changed = true;
      return next;
    }) as Record<string, unknown>,
  }));
  return changed ? { ...document, nodes } : null;
}

/**
 * Re-encrypts every secret at rest with the current key (SWITCHBOARD_SECRET_KEY): connection
 * secrets and the secret fields of every workflow document and stored version. Old keys must be
 * listed in SWITCHBOARD_SECRET_KEYS_PREVIOUS while this runs. Safe to run again.
 */
export async function rotateSecrets(): Promise<RotationResult> {
  const connections = await rotateConnectionSecrets(reencrypt);
  let workflows = 0;
  for (const row of await db().workflow.findMany({ select: { id: true, document: true } })) {
    const next = rotateDocument(row.document as unknown as WorkflowDocument);
    if (next) {
      await db().workflow.update({ where: { id: row.id }, data: { document: next as object } });
      workflows++;
    }
  }
  let versions = 0;
  for (const row of await db().workflowVersion.findMany({ select: { workflowId: true, version: true, document: true } })) {
    const next = rotateDocument(row.document as unknown as WorkflowDocument);
    if (next) {
      await db().workflowVersion.update({ where: { workflowId_version: { workflowId: row.workflowId, version: row.version } }, data: { document: next as object } });
      versions++;
    }
  }
  return { connections, workflows, versions };
}
