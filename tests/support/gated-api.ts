import { json, startLocalApi } from "./local-api";

/** A local API counting calls per (run, step); calls to /slow wait until the test opens the gate. */
export function gatedApi() {
  const calls = new Map<string, number>();
  let inFlight = 0;
  let open!: () => void;
  let gate = new Promise<void>((resolve) => (open = resolve));
  return startLocalApi().then((api) => {
    const count = (step: string, runId: unknown) => calls.set(`${String(runId)}:${step}`, (calls.get(`${String(runId)}:${step}`) ?? 0) + 1);
    api.setHandler("/slow", async (req, res) => {
      count("slow", req.headers["x-run-id"]);
      inFlight++;
      await gate;
      inFlight--;
      json(res, 200, { ok: true });
    });
    api.setHandler("/fast", (req, res) => {
      count("fast", req.headers["x-run-id"]);
      json(res, 200, { ok: true });
    });
    return Object.assign(api, {
      calls,
      inFlight: () => inFlight,
      openGate: () => open(),
      closeGate: () => {
        gate = new Promise<void>((resolve) => (open = resolve));
      },
    });
  });
}
