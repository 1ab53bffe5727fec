/**
 * Which part of Switchboard this process is: the server (HTTP, intake, schedules, consumers and
 * execution) or an execution process it forked (lib/runtime/executors.ts), which only executes
 * runs. Set by the server in the execution process's environment.
 */
export const EXECUTION_ROLE = "executor";

export function isExecutionProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SWITCHBOARD_ROLE === EXECUTION_ROLE;
}
