import { useEffect, useRef, useState } from 'react';
import type { PlaygroundConfig } from '../config/schema';
import type { StepPhase } from '../worker/protocol';

/** The boxes of the model overview a phase lights up. */
export type NarrationBox = 'noise' | 'generator' | 'generated' | 'real' | 'judge' | 'losses';

/** One phase of an iteration, as slow motion narrates it on the model overview. */
export interface Narration {
  phase: 'noise' | 'generate' | 'score' | 'updateDiscriminator' | 'updateGenerator';
  title: string;
  text: string;
  boxes: readonly NarrationBox[];
}

/** How long each phase stays on screen. */
export const PHASE_MS = 1600;

const NOISE_LAW: Record<PlaygroundConfig['noiseDistribution'], string> = {
  gaussian: 'N(0, σ²I)',
  uniform: 'U(−√3σ, √3σ)',
};

/**
 * The phases of one iteration of Goodfellow et al.'s Algorithm 1 (2014) for this config, each
 * with the update it triggers: k discriminator updates, then one generator update on fresh
 * noise; under the MMD objective the kernel replaces the discriminator and only G learns.
 */
export function narrationSteps(
  config: PlaygroundConfig,
): { narration: Narration; action?: StepPhase }[] {
  const m = config.batchSize;
  const kernelOnly = config.objective === 'mmd';
  const noise: Narration = {
    phase: 'noise',
    title: '1 · Sample noise',
    text: `Draw a batch of ${m} noise vectors z of dimension ${config.noiseDimension}, each from ${NOISE_LAW[config.noiseDistribution]} with σ = ${config.noiseSigma}.`,
    boxes: ['noise'],
  };
  const generate: Narration = {
    phase: 'generate',
    title: '2 · Generate',
    text: `The generator maps every z to a sample G(z): ${m} orange points, moved by nothing but G's weights.`,
    boxes: ['noise', 'generator', 'generated'],
  };
  if (kernelOnly) {
    return [
      { narration: noise },
      { narration: generate },
      {
        narration: {
          phase: 'score',
          title: '3 · Compare with the kernel',
          text: 'No discriminator: the Gaussian kernel compares the generated batch with a real batch, and MMD² measures how far apart they are.',
          boxes: ['real', 'generated', 'judge'],
        },
      },
      {
        narration: {
          phase: 'updateGenerator',
          title: '4 · Update G',
          text: "MMD²'s gradient flows back through the samples into G's weights; G takes one optimiser step to shrink it.",
          boxes: ['judge', 'losses', 'generator'],
        },
        action: 'generator',
      },
    ];
  }
  const k = config.discriminatorSteps;
  const updates = Array.from({ length: k }, (_, i) => ({
    narration: {
      phase: 'updateDiscriminator' as const,
      title: `4 · Update D${k > 1 ? ` (${i + 1} of ${k})` : ''}`,
      text: `D's loss L_D rewards high scores on real points and low ones on generated points; its gradient moves D's weights one step${k > 1 ? ', on fresh batches each time' : ''}. G does not change.`,
      boxes: ['judge', 'losses'] as const,
    },
    action: 'discriminator' as const,
  }));
  return [
    { narration: noise },
    { narration: generate },
    {
      narration: {
        phase: 'score',
        title: '3 · Score',
        text: 'The discriminator scores a batch of real points and the generated ones: D(x) should be high, D(G(z)) low.',
        boxes: ['real', 'generated', 'judge'],
      },
    },
    ...updates,
    {
      narration: {
        phase: 'updateGenerator',
        title: '5 · Update G',
        text: "On fresh noise, G's loss L_G asks D to call its samples real; the gradient flows back through D (held fixed) into G, which takes one step.",
        boxes: ['losses', 'judge', 'generator'],
      },
      action: 'generator',
    },
  ];
}

/**
 * Slow motion: while enabled, narrates one phase at a time and runs each update as its phase is
 * shown, so the plots move one network at a time. Returns the phase on screen (null when off).
 */
export function useSlowMotion(
  enabled: boolean,
  config: PlaygroundConfig,
  step: (phase: StepPhase) => void,
): Narration | null {
  const [narration, setNarration] = useState<Narration | null>(null);
  const latest = useRef({ config, step });
  latest.current = { config, step };
  useEffect(() => {
    if (!enabled) {
      setNarration(null);
      return;
    }
    let index = 0;
    let steps = narrationSteps(latest.current.config);
    const show = (): void => {
      if (index >= steps.length) {
        // A new iteration reads the config afresh (a setting may have changed meanwhile).
        index = 0;
        steps = narrationSteps(latest.current.config);
      }
      const current = steps[index];
      index += 1;
      if (current === undefined) return;
      setNarration(current.narration);
      if (current.action !== undefined) latest.current.step(current.action);
    };
    show();
    const timer = window.setInterval(show, PHASE_MS);
    return () => window.clearInterval(timer);
  }, [enabled]);
  return narration;
}
