import { isTruncated, type TruncatedValue } from "@/lib/runs/truncated";

/** An error's message, or a note when the API cut the error down for being too large. */
export function errorMessage(error: { message: string } | TruncatedValue): string {
  return isTruncated(error) ? "The error is too large to show here; open the failed step to see or download it" : error.message;
}
