import { CircleAlert, CircleCheck, CircleDashed, Link2, Link2Off, ShieldAlert, ShieldCheck, ShieldQuestion } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { AuthorizationView, BreakerView, ConnectionView } from "@/lib/connections/types";

/** The last "Test connection" result: passed, failed (with the message on hover) or never tested. */
export function LastTestBadge({ lastTest }: { lastTest: ConnectionView["lastTest"] }) {
  if (!lastTest)
    return (
      <Badge variant="muted">
        <CircleDashed aria-hidden />
        Not tested
      </Badge>
    );
  const badge = lastTest.ok ? (
    <Badge variant="success">
      <CircleCheck aria-hidden />
      Passed
    </Badge>
  ) : (
    <Badge variant="destructive">
      <CircleAlert aria-hidden />
      Failed
    </Badge>
  );
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span tabIndex={0} className="rounded-full focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
          {badge}
        </span>
      </TooltipTrigger>
      <TooltipContent side="top" className="max-w-80">
        {lastTest.message ?? (lastTest.ok ? "The test call succeeded" : "The test call failed")} · {new Date(lastTest.at).toLocaleString()}
      </TooltipContent>
    </Tooltip>
  );
}

export const BREAKER_LABELS: Record<BreakerView["state"], string> = { closed: "Closed", open: "Open", half_open: "Half-open" };

/** The circuit breaker: closed (calls go through), open (calls are refused until the cooldown ends), half-open (one trial call). */
export function BreakerBadge({ breaker }: { breaker: BreakerView }) {
  const { state } = breaker;
  const Icon = state === "closed" ? ShieldCheck : state === "open" ? ShieldAlert : ShieldQuestion;
  const explanation =
    state === "closed"
      ? breaker.failures
        ? `Calls go through; ${breaker.failures} failure${breaker.failures === 1 ? "" : "s"} in a row`
        : "Calls go through"
      : state === "open"
        ? `Calls are refused${breaker.openUntil ? ` until ${new Date(breaker.openUntil).toLocaleTimeString()}` : ""}${breaker.lastError ? ` · last error: ${breaker.lastError}` : ""}`
        : "The next call is a trial: success closes the breaker, failure opens it again";
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span tabIndex={0} className="rounded-full focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" data-breaker-state={state}>
          <Badge variant={state === "closed" ? "outline" : state === "open" ? "destructive" : "warning"}>
            <Icon aria-hidden />
            {BREAKER_LABELS[state]}
          </Badge>
        </span>
      </TooltipTrigger>
      <TooltipContent side="top" className="max-w-80">
        {explanation}
      </TooltipContent>
    </Tooltip>
  );
}

/** An OAuth2 sign-in connection: connected (the token renews itself), not connected yet, or needing the user to sign in again. */
export function AuthorizationBadge({ authorization }: { authorization: AuthorizationView }) {
  const { state } = authorization;
  const explanation =
    state === "connected"
      ? `Signed in; the access token is renewed before it expires${authorization.expiresAt ? ` (now valid until ${new Date(authorization.expiresAt).toLocaleString()})` : ""}`
      : state === "needs_reconnect"
        ? `The app refused to renew access${authorization.message ? `: ${authorization.message}` : ""}. Reconnect to sign in again.`
        : "Nobody has signed in to the app yet: click Connect";
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span tabIndex={0} className="rounded-full focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" data-authorization={state}>
          <Badge variant={state === "connected" ? "success" : state === "needs_reconnect" ? "destructive" : "muted"}>
            {state === "connected" ? <Link2 aria-hidden /> : <Link2Off aria-hidden />}
            {state === "connected" ? "Connected" : state === "needs_reconnect" ? "Needs reconnecting" : "Not connected"}
          </Badge>
        </span>
      </TooltipTrigger>
      <TooltipContent side="top" className="max-w-80">
        {explanation}
      </TooltipContent>
    </Tooltip>
  );
}
