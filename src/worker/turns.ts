/**
 * One turn of the training loop: whole iterations while one fits the turn budget, else one phase
 * of an iteration per turn (each of the k discriminator updates, then the generator's), so the
 * worker answers pings, pause and exports between phases. The trainer guarantees that k
 * stepDiscriminator() then stepGenerator() is exactly step(1), so a split run equals a whole one
 * bit for bit. Before a block expected to be long, `announce` is called (the worker posts it as a
 * 'busy' event, which reaches the page while the block runs).
 */
import type { Trainer } from '../engine';
import { ANNOUNCE_MS, type BlockKind, modelCost, Pacing, type Throughput } from './pacing';

/** What a turn is about to run, as the 'busy' event tells it. */
export interface Announcement {
  phase: 'iteration' | BlockKind;
  iteration: number;
  expectedMs: number;
  /** Of the iteration in progress: ms spent so far and expected in all. */
  progress: { elapsedMs: number; expectedMs: number };
}

/** What one turn ran. */
export interface TurnResult {
  /** Whole iterations completed by this turn (0 after a discriminator phase). */
  completed: number;
  /** Whether the losses are due (an iteration ended): split phases read them once per iteration. */
  readLosses: boolean;
}

export interface TurnHooks {
  /** Steps the comparison's run B by whole iterations, in step with run A. */
  stepCompare?: (iterations: number) => void;
  announce: (announcement: Announcement) => void;
  now: () => number;
}

export class TurnRunner {
  /** The trainer the phase counter belongs to: another one starts its iteration afresh. */
  private trainer: Trainer | null = null;
  /** Discriminator phases of the current (split) iteration already run. */
  private phasesDone = 0;
  private iterationStarted = 0;
  private running: { kind: 'whole' | BlockKind; iterations: number; started: number } | null = null;
  /** The pacing of the current trainer (its measurements belong to its model and backend). */
  private pacing: { trainer: Trainer; label: string; pacing: Pacing } | null = null;

  /** The pacing of `trainer` on the backend named `label`: kept while both stay the same. */
  pacingOf(trainer: Trainer, throughput: Throughput, label: string): Pacing {
    const kept = this.pacing;
    if (kept !== null && kept.trainer === trainer && kept.label === label) return kept.pacing;
    const k = trainer.parameterCount.discriminator > 0 ? trainer.config.discriminatorSteps : 0;
    const pacing = new Pacing(modelCost(trainer.config, trainer.dimension), throughput, k, label);
    this.pacing = { trainer, label, pacing };
    return pacing;
  }

  /** Forgets the pacing's measurements: a live change (batch size, k) changed an iteration's cost. */
  forget(): void {
    this.pacing = null;
  }

  /**
   * Runs one turn of `trainer`: `iterations` whole ones (the loop's current count) unless the
   * pacing splits, then one phase. Call finish() once the turn's readback is done.
   */
  turn(
    trainer: Trainer,
    pacing: Pacing,
    iterations: number,
    hooks: TurnHooks,
  ): TurnResult & { split: boolean } {
    if (trainer !== this.trainer) {
      this.trainer = trainer;
      this.phasesDone = 0;
    }
    const k = trainer.parameterCount.discriminator > 0 ? trainer.config.discriminatorSteps : 0;
    const split = this.phasesDone > 0 || pacing.splits();
    const now = hooks.now();
    if (!split) {
      const expected = iterations * pacing.iterationMs();
      this.announce(hooks, pacing, 'iteration', trainer.iteration, expected, now);
      this.running = { kind: 'whole', iterations, started: now };
      trainer.step(iterations);
      hooks.stepCompare?.(iterations);
      return { completed: iterations, readLosses: true, split };
    }
    if (this.phasesDone === 0) this.iterationStarted = now;
    const kind: BlockKind = this.phasesDone < k ? 'discriminator' : 'generator';
    this.announce(hooks, pacing, kind, trainer.iteration, pacing.expectedMs(kind), now);
    this.running = { kind, iterations: 1, started: now };
    if (kind === 'discriminator') {
      trainer.stepDiscriminator();
      this.phasesDone += 1;
      return { completed: 0, readLosses: false, split };
    }
    trainer.stepGenerator();
    hooks.stepCompare?.(1);
    this.phasesDone = 0;
    return { completed: 1, readLosses: true, split };
  }

  /** Records the turn's time (its block and, when it read the losses, their readback). */
  finish(pacing: Pacing, now: number): void {
    const running = this.running;
    this.running = null;
    if (running === null) return;
    const elapsed = now - running.started;
    if (running.kind === 'whole') pacing.observeIterations(running.iterations, elapsed);
    else pacing.observe(running.kind, elapsed);
  }

  private announce(
    hooks: TurnHooks,
    pacing: Pacing,
    phase: Announcement['phase'],
    iteration: number,
    expectedMs: number,
    now: number,
  ): void {
    if (expectedMs < ANNOUNCE_MS) return;
    const whole = phase === 'iteration';
    hooks.announce({
      phase,
      iteration,
      expectedMs,
      progress: whole
        ? { elapsedMs: 0, expectedMs }
        : { elapsedMs: now - this.iterationStarted, expectedMs: pacing.iterationMs() },
    });
  }
}

/** Blocks the thread for `ms` (the 'slow' fault: a long synchronous block, as a big model's). */
export function blockFor(ms: number, now: () => number): void {
  const until = now() + ms;
  while (now() < until) {
    // Busy on purpose: nothing else runs on this thread meanwhile.
  }
}
