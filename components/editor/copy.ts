import { toast } from "sonner";

/** Copies text with a toast either way (the clipboard API is missing outside secure contexts). */
export async function copyText(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`Copied ${what}`);
  } catch {
    toast.error(`Could not copy the ${what}; select it and copy it by hand`);
  }
}
