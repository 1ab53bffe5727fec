import type { Delivery } from "@/lib/client/types";

export type OutcomeFilter = "all" | Delivery["outcome"];
