/**
 * The contended mode of `npm run bench` (`--load N`): N busy processes that keep N cores busy
 * while the page is measured, as other programs do on a student's laptop, and the load average
 * seen meanwhile. The busy processes are always stopped: by `stop()`, on any exit of the
 * benchmark (an error, a thrown exception, Ctrl+C, SIGTERM, SIGHUP), and, should the benchmark
 * be killed outright (SIGKILL), by themselves: each one checks its parent and exits when it is
 * gone. `pause()` (SIGSTOP) and `resume()` (SIGCONT) take the load off for an unloaded baseline
 * without starting new processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * One busy process: spins on one core and, every few milliseconds of spinning, checks that its
 * parent (argv[1]) is still its parent; when the parent is gone (the child was re-parented), it
 * exits.
 */
export const BUSY_SCRIPT =
  'const parent = Number(process.argv[1]);' +
  'for (;;) { for (let i = 0; i < 2e6; i++); if (process.ppid !== parent) process.exit(0); }';

export interface Load {
  /** How many busy processes. */
  readonly count: number;
  /** Their process ids (empty once stopped). */
  readonly pids: readonly number[];
  /** Whether they are spinning now (started and not paused or stopped). */
  readonly spinning: boolean;
  /** Stops them spinning for a while (SIGSTOP): an unloaded baseline. */
  pause(): void;
  resume(): void;
  /** Kills them; safe to call more than once, and from an exit handler (synchronous). */
  stop(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = {
  SIGINT: 2,
  SIGTERM: 15,
  SIGHUP: 1,
};

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    child.kill(name);
  } catch {
    // already gone
  }
}

/** Starts `count` busy processes (none for 0) and the handlers that stop them. */
export function startLoad(count: number): Load {
  const children: ChildProcess[] = [];
  let paused = false;
  let stopped = false;
  const onExit = (): void => stop();
  const onSignal = (name: (typeof SIGNALS)[number]): void => {
    stop();
    // Alone on this signal, the benchmark would otherwise keep running: exit as the signal
    // would have (128 + its number). With another handler (run.ts's), that one decides.
    if (process.listenerCount(name) === 0) process.exit(128 + SIGNAL_NUMBERS[name]);
  };
  const signalHandlers = SIGNALS.map((name) => [name, () => onSignal(name)] as const);

  function stop(): void {
    if (stopped) return;
    stopped = true;
    for (const child of children) signal(child, 'SIGKILL');
    children.length = 0;
    process.removeListener('exit', onExit);
    for (const [name, handler] of signalHandlers) process.removeListener(name, handler);
  }

  if (count > 0) {
    process.on('exit', onExit);
    for (const [name, handler] of signalHandlers) process.on(name, handler);
    for (let i = 0; i < count; i++) {
      const child = spawn(process.execPath, ['-e', BUSY_SCRIPT, String(process.pid)], {
        stdio: 'ignore',
      });
      // A busy process that dies early (out of memory, killed by someone) is not an error of
      // the benchmark; the load average it reports shows the load that was there.
      child.on('error', () => undefined);
      children.push(child);
    }
  }

  return {
    count,
    get pids() {
      return children.flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
    },
    get spinning() {
      return !stopped && !paused && children.length > 0;
    },
    pause() {
      if (stopped || paused) return;
      paused = true;
      for (const child of children) signal(child, 'SIGSTOP');
    },
    resume() {
      if (stopped || !paused) return;
      paused = false;
      for (const child of children) signal(child, 'SIGCONT');
    },
    stop,
  };
}

/** One reading of the machine's load. */
export interface LoadReading {
  /** The 1-minute load average. */
  loadAverage: number;
  /** Processes runnable at that instant (/proc/loadavg's 4th field, the reader included); null off Linux. */
  runnable: number | null;
}

/** Reads /proc/loadavg's text (Linux), else os.loadavg(). */
export function parseLoadavg(text: string | null): LoadReading {
  const fields = text?.trim().split(/\s+/) ?? [];
  const average = Number(fields[0]);
  const runnable = Number(fields[3]?.split('/')[0]);
  return {
    loadAverage: Number.isFinite(average) ? average : (os.loadavg()[0] ?? Number.NaN),
    runnable: Number.isFinite(runnable) ? runnable : null,
  };
}

export function readLoad(): LoadReading {
  let text: string | null = null;
  try {
    text = readFileSync('/proc/loadavg', 'utf8');
  } catch {
    // not Linux
  }
  return parseLoadavg(text);
}

/** What the load was during a run: the 1-minute average's range and the median runnable count. */
export interface LoadSeen {
  samples: number;
  loadAverageMin: number;
  loadAverageMax: number;
  /** The 1-minute average at the end of the run (it lags: a 20 s run does not reach its level). */
  loadAverageLast: number;
  runnableMedian: number | null;
}

export function summariseLoad(readings: readonly LoadReading[]): LoadSeen {
  const averages = readings.map((r) => r.loadAverage).filter(Number.isFinite);
  const runnable = readings
    .flatMap((r) => (r.runnable === null ? [] : [r.runnable]))
    .sort((a, b) => a - b);
  const mid = runnable.length >> 1;
  return {
    samples: readings.length,
    loadAverageMin: averages.length > 0 ? Math.min(...averages) : Number.NaN,
    loadAverageMax: averages.length > 0 ? Math.max(...averages) : Number.NaN,
    loadAverageLast: averages.at(-1) ?? Number.NaN,
    runnableMedian:
      runnable.length === 0
        ? null
        : runnable.length % 2 === 1
          ? (runnable[mid] ?? null)
          : ((runnable[mid - 1] ?? 0) + (runnable[mid] ?? 0)) / 2,
  };
}

/** Samples the load every `intervalMs` until stop(), which returns what was seen. */
export function watchLoad(intervalMs = 1000): { stop: () => LoadSeen } {
  const readings: LoadReading[] = [readLoad()];
  const timer = setInterval(() => readings.push(readLoad()), intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      readings.push(readLoad());
      return summariseLoad(readings);
    },
  };
}

/** "load average 3.1–4.2 (1 min), 3 runnable" */
export function describeLoad(seen: LoadSeen): string {
  const range =
    seen.loadAverageMin === seen.loadAverageMax
      ? seen.loadAverageMin.toFixed(2)
      : `${seen.loadAverageMin.toFixed(2)}–${seen.loadAverageMax.toFixed(2)}`;
  const runnable = seen.runnableMedian === null ? '' : `, median ${seen.runnableMedian} runnable`;
  return `load average ${range} (1 min)${runnable}`;
}

/** Several windows' loads as one: the widest range, the last window's end, the median runnable. */
export function combineLoad(seen: readonly LoadSeen[]): LoadSeen {
  const finite = (values: number[]) => values.filter(Number.isFinite);
  const mins = finite(seen.map((s) => s.loadAverageMin));
  const maxes = finite(seen.map((s) => s.loadAverageMax));
  const runnable = summariseLoad(
    seen.flatMap((s) =>
      s.runnableMedian === null ? [] : [{ loadAverage: Number.NaN, runnable: s.runnableMedian }],
    ),
  ).runnableMedian;
  return {
    samples: seen.reduce((n, s) => n + s.samples, 0),
    loadAverageMin: mins.length > 0 ? Math.min(...mins) : Number.NaN,
    loadAverageMax: maxes.length > 0 ? Math.max(...maxes) : Number.NaN,
    loadAverageLast: seen.at(-1)?.loadAverageLast ?? Number.NaN,
    runnableMedian: runnable,
  };
}
