import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildReady, StopChild } from './child-messages';

export interface RunningChild {
  readonly pid: number;
  readonly ready: ChildReady;
  /** Graceful stop (the child closes its app), then SIGKILL after `timeoutMs`. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const STDERR_TAIL = 4_000;

/**
 * Starts a compiled benchmark child (`service.process.js`, `bare-fastify.process.js`) with plain `node`: no compiler
 * loaded in it, so its resident memory is its own. Its stdout (the service's JSON logs) goes to /dev/null, as a
 * log shipper would take it away; stderr is kept to explain a failure.
 */
export async function startChild(
  file: string,
  env: NodeJS.ProcessEnv,
  nodeOptions: readonly string[] = [],
): Promise<RunningChild> {
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeOptions, file], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = 15_000) =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const stopMessage: StopChild = { type: 'stop' };
      if (child.connected) child.send(stopMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    })());

  try {
    const ready = await new Promise<ChildReady>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${file} did not start within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      child.on('message', (message: ChildReady) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve(message);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${file} exited (${signal ?? code}) before it was ready:\n${stderr}`));
      });
    });
    return { pid: child.pid!, ready, stop };
  } catch (error) {
    await stop(1_000);
    throw error;
  }
}

export interface ResidentMemory {
  /** Resident set size now, in MB. */
  readonly rssMb: number;
  /** The kernel's high-water mark of the resident set since the process started (VmHWM), in MB. */
  readonly peakMb: number;
}

/** Reads `/proc/<pid>/status` (Linux); undefined elsewhere or once the process is gone. */
export function residentMemory(pid: number): ResidentMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    const rss = kilobytes('VmRSS');
    const peak = kilobytes('VmHWM');
    if (!Number.isFinite(rss) || !Number.isFinite(peak)) return undefined;
    return { rssMb: rss / 1024, peakMb: peak / 1024 };
  } catch {
    return undefined;
  }
}

/** Linux reports CPU times in USER_HZ ticks, 100 per second on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; undefined where /proc is missing. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU seconds of the whole machine (all cores) so far, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } | undefined {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy: busy / TICKS_PER_SECOND, total: (busy + idle! + iowait!) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

export interface CpuUse {
  readonly wallSeconds: number;
  /** Share of the whole machine (all cores) that was busy: 1 means every core at 100%. */
  readonly machineBusy: number;
  /** CPU seconds of the watched process (the service), if any. */
  readonly processSeconds?: number;
  /** CPU seconds of this (benchmark) process: the load generator, the probes. */
  readonly benchmarkSeconds: number;
}

/** Starts counting CPU; call the result to stop and read the figures. */
export function watchCpu(pid?: number): () => CpuUse {
  const started = process.hrtime.bigint();
  const machine = machineCpuSeconds();
  const processStart = pid === undefined ? undefined : processCpuSeconds(pid);
  const benchmark = process.cpuUsage();
  return () => {
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const machineEnd = machineCpuSeconds();
    const processEnd = pid === undefined ? undefined : processCpuSeconds(pid);
    const used = process.cpuUsage(benchmark);
    return {
      wallSeconds,
      machineBusy:
        machine && machineEnd
          ? (machineEnd.busy - machine.busy) / Math.max(0.01, machineEnd.total - machine.total)
          : NaN,
      ...(processStart !== undefined && processEnd !== undefined ? { processSeconds: processEnd - processStart } : {}),
      benchmarkSeconds: (used.user + used.system) / 1e6,
    };
  };
}
