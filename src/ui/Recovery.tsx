/**
 * What the page says when training goes wrong or something was recovered: a run that diverged
 * (with ways back), and a worker or backend that was replaced (the kept runs: KeptRunsBanner.tsx).
 */
import { useState } from 'react';
import type { PlaygroundConfig } from '../config/schema';
import type { Divergence } from '../worker/protocol';
import { lowerLearningRates } from './divergence';

/** An action's outcome, said under the buttons. */
type Outcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; message: string };

/** Runs an action that resolves with a sentence, keeping its failure on screen. */
function useOutcome(): [Outcome, (action: () => Promise<unknown>) => void] {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const run = (action: () => Promise<unknown>): void => {
    setOutcome({ kind: 'busy' });
    action().then(
      () => setOutcome({ kind: 'idle' }),
      (error: unknown) =>
        setOutcome({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  return [outcome, run];
}

const WHY: Record<Divergence['cause'], string> = {
  loss: 'A loss overflowed',
  weights: 'A weight overflowed',
  samples: 'The generated samples overflowed',
};

/** A run that stopped on a NaN or an infinity: what happened, and the ways back. */
export function DivergencePanel({
  divergence,
  config,
  onRecover,
  onReset,
  onDismiss,
}: {
  divergence: Divergence;
  config: PlaygroundConfig;
  /** Continues from a frame of the timeline with `config`. */
  onRecover: (iteration: number, config: PlaygroundConfig) => Promise<unknown>;
  /** Starts a new run with `config`. */
  onReset: (config: PlaygroundConfig) => void;
  onDismiss: () => void;
}) {
  const [outcome, run] = useOutcome();
  const lowered = lowerLearningRates(config);
  const canLower =
    lowered.generatorLearningRate < config.generatorLearningRate ||
    lowered.discriminatorLearningRate < config.discriminatorLearningRate;
  const rates = `G ${config.generatorLearningRate}, D ${config.discriminatorLearningRate}`;
  const lastGood = divergence.lastGood;
  return (
    <div
      className="banner banner-error divergence"
      role="alert"
      data-testid="divergence"
      data-cause={divergence.cause}
      data-last-good={lastGood ?? ''}
    >
      <div>
        <p>
          <strong>{divergence.message}</strong>
        </p>
        <p>
          {WHY[divergence.cause]}: an update overshot so far that the numbers left the range a
          computer can hold, and training stopped. The usual cause is a learning rate too large for
          this loss and optimiser (now {rates}). Going on with the same settings would diverge again
          at the same point.
        </p>
        <div className="banner-actions">
          {lastGood !== null && canLower && (
            <button
              type="button"
              disabled={outcome.kind === 'busy'}
              onClick={() => run(() => onRecover(lastGood, lowered))}
            >
              Go back to iteration {lastGood.toLocaleString('en')} with learning rates ÷ 10
            </button>
          )}
          {lastGood !== null && (
            <button
              type="button"
              disabled={outcome.kind === 'busy'}
              onClick={() => run(() => onRecover(lastGood, config))}
            >
              Go back to iteration {lastGood.toLocaleString('en')}
            </button>
          )}
          {canLower && (
            <button type="button" onClick={() => onReset(lowered)}>
              Start over with learning rates ÷ 10
            </button>
          )}
        </div>
        {outcome.kind === 'failed' && <p className="banner-outcome">{outcome.message}</p>}
      </div>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Something that went wrong and was recovered from, said once. */
export function NoticeBanner({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="banner banner-warning" role="status" data-testid="notice">
      <p>{message}</p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
