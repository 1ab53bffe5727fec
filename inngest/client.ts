import { Inngest } from "inngest";
import { embeddedFetch } from "@/lib/engine/transport";
import { inngestClientOptions } from "@/lib/engine/mode";

/**
 * The app's Inngest client. With no Inngest variables set it talks to the embedded engine;
 * with INNGEST_* variables it talks to Inngest Cloud or a self-hosted server (docs/deploy.md).
 */
export const inngest = new Inngest({ id: "switchboard", ...inngestClientOptions(embeddedFetch) });
