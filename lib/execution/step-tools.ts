/** The part of Inngest's step tools the workflow walker uses. */
export interface WorkflowStepTools {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleepUntil(id: string, time: Date | string): Promise<unknown>;
  waitForEvent(id: string, opts: { event: string; timeout: string | Date; if?: string; match?: string }): Promise<unknown>;
}
