/**
 * What a lesson says in short (src/config/summary.ts): the story's first sentence for the
 * gallery's cards, never cut at "et al." or inside brackets, on every lesson and on made-up
 * texts; the claim's status; and the claim line's note, which follows the run.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS, type PresetClaim } from '../../src/config/presets';
import {
  claimStatus,
  firstSentence,
  pendingClaimNote,
  runPhase,
  splitSentences,
} from '../../src/config/summary';

/** Opening minus closing brackets of each kind, which is zero for each in a balanced text. */
function unbalanced(text: string): number[] {
  return ['()', '[]', '{}'].map(
    ([open, close]) => text.split(open ?? '').length - text.split(close ?? '').length,
  );
}

describe('the first sentence of every lesson', () => {
  for (const preset of PRESETS) {
    it(`“${preset.title}”`, () => {
      const summary = firstSentence(preset.story);
      // A real sentence end: its stop, perhaps a closing quote, and then the next sentence.
      expect(summary).toMatch(/[.!?]["'”’]?$/);
      expect(summary.length).toBeLessThan(preset.story.length);
      expect(preset.story.startsWith(summary)).toBe(true);
      expect(preset.story.slice(summary.length)).toMatch(/^\s+\p{Lu}/u);
      expect(unbalanced(summary)).toEqual([0, 0, 0]);
      expect(summary).not.toMatch(/\b(et al|e\.g|i\.e|cf|vs|Fig|Eq)\.$/);
      // Long enough to say something.
      expect(summary.split(/\s+/).length).toBeGreaterThanOrEqual(6);
    });
  }

  it('splits every story into sentences that give it back', () => {
    for (const preset of PRESETS) {
      const sentences = splitSentences(preset.story);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.join(' ')).toBe(preset.story.replace(/\s+/g, ' ').trim());
      for (const sentence of sentences) expect(unbalanced(sentence)).toEqual([0, 0, 0]);
    }
  });
});

describe('firstSentence', () => {
  const cases: [string, string, string][] = [
    [
      'et al. before a year in brackets',
      'Algorithm 1 of Goodfellow et al. (2014) trains D k times. More is not better.',
      'Algorithm 1 of Goodfellow et al. (2014) trains D k times.',
    ],
    [
      'et al. inside brackets',
      'PacGAN (Lin et al. 2018): D judges m samples at once. With m = 2, pairs differ.',
      'PacGAN (Lin et al. 2018): D judges m samples at once.',
    ],
    [
      'et al. before a capital',
      'As Metz et al. Showed, it unrolls. Next.',
      'As Metz et al. Showed, it unrolls.',
    ],
    [
      'e.g. and i.e.',
      'A ring, e.g. eight modes, i.e. Gaussians on a circle. Then more.',
      'A ring, e.g. eight modes, i.e. Gaussians on a circle.',
    ],
    [
      'e.g., with a comma',
      'Small noise, e.g., σ = 0.01, gives a spike. Then more.',
      'Small noise, e.g., σ = 0.01, gives a spike.',
    ],
    [
      'cf. and vs.',
      'See the bound (cf. Theorem 2) for WGAN vs. GAN, cf. Sec. 3. Next one.',
      'See the bound (cf. Theorem 2) for WGAN vs. GAN, cf. Sec. 3.',
    ],
    ['Fig. and Eq.', 'As Fig. 2 shows, Eq. 4 holds. Next.', 'As Fig. 2 shows, Eq. 4 holds.'],
    ['decimals', 'The rate 0.5 is 5.0e-1 here. Next.', 'The rate 0.5 is 5.0e-1 here.'],
    [
      'initials',
      'I. J. Goodfellow and Y. Bengio wrote it. Next.',
      'I. J. Goodfellow and Y. Bengio wrote it.',
    ],
    ['"No." before a number', 'See No. 5 of the list. Next.', 'See No. 5 of the list.'],
    [
      'a stop inside brackets',
      'It holds (see the proof. It is short) for all x. Next.',
      'It holds (see the proof. It is short) for all x.',
    ],
    ['a closing quote', 'D calls it "real." Then G moves.', 'D calls it "real."'],
    ['a question', 'Why does it collapse? Because D overfits.', 'Why does it collapse?'],
    [
      'a lower-case word after a stop',
      'Use approx. ten steps and etc. more. Next.',
      'Use approx. ten steps and etc. more.',
    ],
    ['no sentence end at all', 'A title without a stop', 'A title without a stop'],
    ['a single sentence', 'One sentence only.', 'One sentence only.'],
    ['leading space', '  Spaced.  Out.', 'Spaced.'],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => expect(firstSentence(text)).toBe(expected));
  }

  it('is empty for an empty text', () => {
    expect(firstSentence('')).toBe('');
    expect(splitSentences('   ')).toEqual([]);
  });

  it('reads an unclosed bracket to the end rather than cutting inside it', () => {
    expect(firstSentence('Open (bracket. Never closed. Really.')).toBe(
      'Open (bracket. Never closed. Really.',
    );
  });
});

describe('claimStatus', () => {
  const claim: PresetClaim = {
    metric: 'modesCovered',
    comparison: '<',
    value: 4,
    afterIterations: 500,
    text: 'Fewer than 4 modes are covered',
  };
  it('is pending before the claim’s iteration or without measurements', () => {
    expect(claimStatus(claim, null, 800)).toBe('pending');
    expect(claimStatus(claim, { modesCovered: 2 }, 499)).toBe('pending');
  });
  it('holds or fails from the claim’s iteration on', () => {
    expect(claimStatus(claim, { modesCovered: 2 }, 500)).toBe('holds');
    expect(claimStatus(claim, { modesCovered: 6 }, 900)).toBe('fails');
    // A metric that was not measured does not make a claim hold.
    expect(claimStatus(claim, { modesCovered: null }, 900)).toBe('fails');
    expect(claimStatus(claim, {}, 900)).toBe('fails');
  });
});

describe('the pending claim’s note', () => {
  const claim: PresetClaim = {
    metric: 'ks',
    comparison: '<',
    value: 0.25,
    afterIterations: 1200,
    text: 'Close',
  };
  it('follows the run: press Play only when nothing trains', () => {
    expect(runPhase(0, false)).toBe('not-started');
    expect(runPhase(0, true)).toBe('running');
    expect(runPhase(340, true)).toBe('running');
    expect(runPhase(340, false)).toBe('paused');
    expect(pendingClaimNote(claim, 0, 'not-started')).toBe(
      'checked from iteration 1,200; press Play.',
    );
    const running = pendingClaimNote(claim, 340, 'running');
    expect(running).toBe('checked once training reaches iteration 1,200.');
    expect(running).not.toMatch(/Play/);
    expect(pendingClaimNote(claim, 340, 'paused')).toBe(
      'checked from iteration 1,200; paused at 340: press Play to go on.',
    );
  });
});
