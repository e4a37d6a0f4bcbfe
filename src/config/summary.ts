/**
 * What a lesson says in short: the first sentence of its story (for the gallery's cards) and its
 * claim's state (for the lesson card, the saved experiments and the claim line). Plain text and
 * numbers only, no tfjs: the UI, the store and the Node tests share it.
 */
import { type ClaimMetric, claimHolds, type PresetClaim } from './presets';

/**
 * Words that end in a full stop without ending a sentence, lower-cased, without their final stop:
 * "Goodfellow et al. (2014)", "e.g. a ring", "cf. §3", "Fig. 2", "Eq. 4", "vs. WGAN".
 */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'al',
  'e.g',
  'i.e',
  'cf',
  'vs',
  'viz',
  'fig',
  'figs',
  'eq',
  'eqs',
  'sec',
  'ch',
  'thm',
  'prop',
  'alg',
  'approx',
  'resp',
  'ca',
  'pp',
  'vol',
  'dr',
  'prof',
  'mr',
  'mrs',
  'ms',
  'st',
]);

/** Brackets that a sentence end inside never ends the text's sentence: "(Lin et al. 2018)". */
const OPENING = '([{';
const CLOSING = ')]}';
/** Closing quotes and brackets that belong to the sentence they follow: 'as "real."'. */
const TRAILING = /^["'”’)\]}]*/;

/** The word just before `index` (a full stop): the run of non-space characters, bare. */
function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--;
  return text.slice(start, index).replace(/^["'“‘([{]+/, '');
}

/**
 * Whether the full stop at `index` is part of a word rather than a sentence's end: an
 * abbreviation ("et al.", "e.g."), "No." before a number, or an initial ("I. Goodfellow").
 * A sentence that really ends in a lone capital ("…fools D.") is then read on into the next
 * one: the summary errs long, never cut.
 */
function isAbbreviation(text: string, index: number): boolean {
  const word = wordBefore(text, index);
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  if (word === 'No' && /^\s+\d/.test(text.slice(index + 1))) return true;
  return /^\p{Lu}$/u.test(word);
}

/**
 * The text's sentences, in order, each with its closing punctuation and without the space
 * between them; joined with single spaces they give the text back (up to its spacing). A full
 * stop ends a sentence only outside brackets, when followed by a space (so not in 0.5 or e.g.,)
 * and not by a lower-case word, and when it does not close an abbreviation or an initial.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (OPENING.includes(char)) depth++;
    else if (CLOSING.includes(char)) depth = Math.max(0, depth - 1);
    if (depth > 0 || !'.!?'.includes(char)) continue;
    const end = index + 1 + (TRAILING.exec(text.slice(index + 1))?.[0].length ?? 0);
    const rest = text.slice(end);
    if (rest !== '' && !/^\s/.test(rest)) continue;
    // "e.g. a ring", "et al. showed": a lower-case word goes on with the same sentence.
    if (/^\s+\p{Ll}/u.test(rest)) continue;
    if (char === '.' && isAbbreviation(text, index)) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence !== '') sentences.push(sentence);
    start = end;
    index = end - 1;
  }
  const last = text.slice(start).trim();
  if (last !== '') sentences.push(last);
  return sentences;
}

/** The first sentence of a text (all of it when it has no sentence end). */
export function firstSentence(text: string): string {
  return splitSentences(text)[0] ?? '';
}

/** Where a lesson's claim stands: not judged yet, holding, or not holding. */
export type ClaimStatus = 'pending' | 'holds' | 'fails';

/**
 * The claim's status for the run's latest measurements at this iteration: pending until the
 * claim's iteration is reached and measured, then whether it holds. The lesson card, the saved
 * experiments and the claim line all judge a claim this way.
 */
export function claimStatus(
  claim: PresetClaim,
  metrics: Partial<Record<ClaimMetric, number | null>> | null,
  iteration: number,
): ClaimStatus {
  if (metrics === null || iteration < claim.afterIterations) return 'pending';
  return claimHolds(claim, metrics) ? 'holds' : 'fails';
}

/** Whether training is under way: not started, training now, or paused part-way. */
export type RunPhase = 'not-started' | 'running' | 'paused';

/** The run's phase from its iteration and whether it trains now. */
export function runPhase(iteration: number, running: boolean): RunPhase {
  if (running) return 'running';
  return iteration > 0 ? 'paused' : 'not-started';
}

/**
 * What the claim line says while the claim is pending, after the claim itself: when it is
 * checked and what to do, which follows the run ("press Play" only when nothing trains).
 */
export function pendingClaimNote(claim: PresetClaim, iteration: number, phase: RunPhase): string {
  const at = claim.afterIterations.toLocaleString('en');
  const now = iteration.toLocaleString('en');
  switch (phase) {
    case 'not-started':
      return `checked from iteration ${at}; press Play.`;
    case 'running':
      // No live count here: the line is a live region, and the progress bar shows how far.
      return `checked once training reaches iteration ${at}.`;
    case 'paused':
      return `checked from iteration ${at}; paused at ${now}: press Play to go on.`;
    default: {
      const unreachable: never = phase;
      return unreachable;
    }
  }
}
