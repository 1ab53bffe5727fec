import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time (user + system) that processes have used, read from /proc (Linux). Benches print it
 * beside their rates: on a shared machine whose speed changes from one hour to the next, the CPU a
 * run costs says more about the code than runs per second do, and it shows which process it goes to.
 */

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

interface ProcessStat {
  pid: number;
  parent: number;
  name: string;
  cpuMs: number;
}

function stat(pid: number): ProcessStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (name) state ppid … utime stime …": the name may hold spaces, so fields are read after its ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid, parent: Number(fields[1]), name: text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond };
  } catch {
    return null; // the process ended meanwhile
  }
}

function allProcesses(): ProcessStat[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => stat(Number(entry)) ?? []);
}

/** CPU ms of a process and of every process it started (the server's execution processes), by pid. */
function processTreeCpu(root: number): Map<number, number> {
  const processes = allProcesses();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) if (!tree.has(p.pid) && tree.has(p.parent)) grew = tree.add(p.pid) !== undefined;
  }
  return new Map(processes.filter((p) => tree.has(p.pid)).map((p) => [p.pid, p.cpuMs]));
}

/** CPU ms of every PostgreSQL server process on this machine (the bench's database is the only one busy while it runs), by pid. */
function postgresCpu(): Map<number, number> {
  return new Map(allProcesses().flatMap((p) => (p.name === "postgres" ? [[p.pid, p.cpuMs] as const] : [])));
}

/** CPU ms used between two readings (processes that ended meanwhile are not counted). */
function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** Starts measuring: `spent()` gives the CPU ms used since, by the server's processes and by PostgreSQL's. */
export function cpuMeter(serverPid: number) {
  const before = { server: processTreeCpu(serverPid), postgres: postgresCpu() };
  return {
    spent: () => ({ serverMs: cpuSpent(before.server, processTreeCpu(serverPid)), postgresMs: cpuSpent(before.postgres, postgresCpu()) }),
  };
}
