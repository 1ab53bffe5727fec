import { replayBatch } from "./functions/replay-batch";
import { runWorkflow } from "./functions/run-workflow";

export { inngest } from "./client";
export const functions = [runWorkflow, replayBatch];
