import { PollRunner, releaseDeadLeases } from "./polls";
import { pruneScheduleFires, ScheduleRunner } from "./schedules";

/**
 * The in-process trigger scheduler: schedules and polls, ticking once a second. It runs in every
 * process (with either engine), since Inngest has no per-workflow dynamic crons; processes
 * sharing a PostgreSQL database coordinate through the database (unique fire times, poll leases).
 */
interface SchedulerHandle {
  stop(): void;
  schedules: ScheduleRunner;
}

const holder = globalThis as typeof globalThis & { __switchboardScheduler?: SchedulerHandle };

const TICK_MS = 1000;
const PRUNE_EVERY_MS = 10 * 60_000;

export async function startTriggerScheduler(): Promise<SchedulerHandle> {
  if (holder.__switchboardScheduler) return holder.__switchboardScheduler;
  const schedules = new ScheduleRunner(new Date());
  const polls = new PollRunner();
  await releaseDeadLeases().catch((error) => console.error("[scheduler] releasing leases of dead processes failed", error));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastPrune = 0;

  const tick = async () => {
    try {
      await schedules.tick();
    } catch (error) {
      console.error("[scheduler] schedule tick failed", error);
    }
    try {
      await polls.tick();
    } catch (error) {
      console.error("[scheduler] poll tick failed", error);
    }
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await pruneScheduleFires().catch(() => {});
    }
  };
  // Ticks start just after each full second, where cron fire times fall.
  const loop = async () => {
    if (stopped) return;
    await tick();
    if (stopped) return;
    timer = setTimeout(() => void loop(), TICK_MS - (Date.now() % TICK_MS) + 20);
    timer.unref();
  };
  void loop();
  const handle: SchedulerHandle = {
    schedules,
    stop() {
      stopped = true;
      clearTimeout(timer);
      holder.__switchboardScheduler = undefined;
    },
  };
  holder.__switchboardScheduler = handle;
  return handle;
}
