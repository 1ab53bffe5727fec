import { ApiError } from "@/lib/api/http";
import { decryptSecret, encryptSecret, isEncrypted, maskSecret } from "@/lib/secrets/crypto";
import type { ConfigPath } from "@/lib/document/expressions";
import { isMaskedSecret, MASKED_SECRET_PREFIX, mapSecrets } from "@/lib/document/secret-fields";
import type { WorkflowDocument } from "@/lib/document/schema";

/**
 * Before a document is stored: new secret values are encrypted, and masked values sent back by a
 * client are replaced by what is stored for the same node and field.
 */
export function protectSecrets(document: WorkflowDocument, stored?: WorkflowDocument): WorkflowDocument {
  const previous = new Map(stored?.nodes.map((n) => [n.id, n]) ?? []);
  return {
    ...document,
    nodes: document.nodes.map((node, index) => ({
      ...node,
      config: mapSecrets(node.type, node.config, (value, path) => {
        if (isMaskedSecret(value)) {
          const kept = valueAt(previous.get(node.id)?.config, path);
          if (typeof kept === "string" && isEncrypted(kept)) return kept;
          throw new ApiError(400, "Invalid workflow document", [{ path: ["nodes", index, "config", ...path].join("."), message: "Enter the secret again" }]);
        }
        return isEncrypted(value) ? value : encryptSecret(value);
      }) as Record<string, unknown>,
    })),
  };
}

/** For clients: each stored secret becomes `$secret:••••<last 4>`. */
export function maskSecrets(document: WorkflowDocument): WorkflowDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => ({
      ...node,
      config: mapSecrets(node.type, node.config, (value) => `${MASKED_SECRET_PREFIX}${hint(value)}`) as Record<string, unknown>,
    })),
  };
}

/** For execution: the plaintext of each secret. */
export function revealSecrets(type: string, config: unknown): unknown {
  return mapSecrets(type, config, (value) => (isEncrypted(value) ? decryptSecret(value) : value));
}

function hint(value: string): string {
  try {
    return maskSecret(isEncrypted(value) ? decryptSecret(value) : value);
  } catch {
    return "••••";
  }
}

function valueAt(config: unknown, path: ConfigPath): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key as string] : undefined), config);
}
