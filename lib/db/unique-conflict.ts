import { Prisma } from "@/lib/generated/prisma-sqlite/client";

/** A unique constraint refused the write (Prisma's P2002): a concurrent writer claimed the same key first. */
export function isUniqueConflict(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Runs `attempt` again when it lost a race for a unique key, up to `retries` more times: the next
 * try reads what the winner committed (a dedup record, an event id) and answers from it.
 */
export async function retryOnUniqueConflict<T>(attempt: () => Promise<T>, retries = 3): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isUniqueConflict(error) || tries >= retries) throw error;
    }
  }
}
