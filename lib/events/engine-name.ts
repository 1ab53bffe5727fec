import { DEFAULT_WORKSPACE_ID } from "@/lib/auth/workspaces";

/**
 * The name an event has inside the engine: runs waiting for an event (flow.wait-for-event) only
 * see events of their own workspace. The default workspace keeps plain names (runs waiting since
 * before workspaces existed still match); other workspaces' names sit under the reserved
 * "switchboard/" prefix, which published events cannot use.
 */
export function engineEventName(workspaceId: string, name: string): string {
  return workspaceId === DEFAULT_WORKSPACE_ID ? name : `switchboard/ws/${workspaceId}/${name}`;
}
