/**
 * The lecturer's named experiments, kept in this browser: each is its link (the whole setup), a
 * thumbnail of the main plot, the open lesson's claim as it stood, the iteration and when it was
 * saved, and, when the page had one, a checkpoint of the run to train on from. Two entries per
 * experiment, like the kept runs (keptRuns.ts): a small description (`meta:<id>`, read to list)
 * and the run (`run:<id>`, read only to open it). Whatever is read back is checked first (zod for
 * the description, storedRun.ts for the run): an old, damaged or hostile entry is left out of the
 * list, never shown or used.
 */
import { z } from 'zod';
import { presetById } from '../../config/presets';
import { FIELDS, type PlaygroundConfig } from '../../config/schema';
import { type ClaimStatus, claimStatus } from '../../config/summary';
import { decodeLink, encodeLink } from '../../config/url';
import type { ViewState } from '../../config/view';
import type { SavedRun, SnapshotMetrics } from '../../worker/protocol';
import { compareOverridesOf, type RunStore, runName } from '../keptRuns';
import { newId } from '../persist';
import { checkedSavedRun, plausibleTime } from '../storedRun';

/** Bumped when the stored shape changes; entries of another version are not read. */
export const EXPERIMENT_VERSION = 1;
/** Experiments kept at most: a list a lecturer can still scan. */
export const MAX_EXPERIMENTS = 50;
export const MAX_NAME_LENGTH = 80;
/** Longer than any link the app writes (32 mixture means at full precision run to ~1,700). */
const MAX_LINK_LENGTH = 8000;
/** A 72² thumbnail of points is 1–6 kB of PNG; anything far larger is not ours. */
const MAX_THUMBNAIL_LENGTH = 200_000;

export type { ClaimStatus };

/** The open lesson's claim at save time. */
export interface ExperimentClaim {
  presetId: string;
  /** The lesson's title. */
  title: string;
  /** The claim in words ("Fewer than 8 of the 8 modes are covered"). */
  text: string;
  status: ClaimStatus;
}

/** What the list shows of a saved experiment (its run is read only to open it). */
export interface Experiment {
  id: string;
  name: string;
  /** The page's hash without '#': every setting and the view. */
  link: string;
  /** The main plot at save time, as a `data:image/png;base64,` URL; null when there was none. */
  thumbnail: string | null;
  /** The iteration shown when it was saved. */
  iteration: number;
  savedAt: number;
  claim: ExperimentClaim | null;
  /** The iteration of the run kept with it; null when only the settings were kept. */
  runIteration: number | null;
}

const experimentSchema: z.ZodType<Experiment> = z.strictObject({
  id: z.string().regex(/^[\w-]{1,64}$/),
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  // A fragment of printable ASCII (the link percent-encodes the rest): it is only ever used
  // after '#', so it cannot turn into another address.
  link: z
    .string()
    .max(MAX_LINK_LENGTH)
    .regex(/^[\x21-\x7e]*$/),
  thumbnail: z
    .string()
    .max(MAX_THUMBNAIL_LENGTH)
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/)
    .nullable(),
  iteration: z.number().int().nonnegative(),
  savedAt: z.number().refine((t) => plausibleTime(t, Date.now() + 1), 'an impossible time'),
  claim: z
    .strictObject({
      presetId: z.string().refine((id) => presetById(id) !== undefined, 'no such lesson'),
      title: z.string().max(200),
      text: z.string().max(500),
      status: z.enum(['pending', 'holds', 'fails']),
    })
    .nullable(),
  runIteration: z.number().int().positive().nullable(),
});

const storedMetaSchema = z.object({
  version: z.literal(EXPERIMENT_VERSION),
  experiment: z.unknown(),
});
const storedRunSchema = z.object({ version: z.literal(EXPERIMENT_VERSION), run: z.unknown() });

const metaKey = (id: string): string => `meta:${id}`;
const runKey = (id: string): string => `run:${id}`;

/** The saved experiments, newest first, and how many stored entries could not be read. */
export interface ExperimentList {
  experiments: Experiment[];
  unreadable: number;
}

/** A stored description, checked; null when it is not a readable one of this version. */
export function checkedExperiment(stored: unknown, id: string): Experiment | null {
  const meta = storedMetaSchema.safeParse(stored);
  if (!meta.success) return null;
  const experiment = experimentSchema.safeParse(meta.data.experiment);
  return experiment.success && experiment.data.id === id ? experiment.data : null;
}

/**
 * Every saved experiment. Unreadable entries (another version's, damaged) are counted, not
 * deleted: they may be a newer version's, and a list is no place to lose someone's work.
 */
export async function listExperiments(store: RunStore): Promise<ExperimentList> {
  const experiments: Experiment[] = [];
  let unreadable = 0;
  for (const key of await store.keys()) {
    if (!key.startsWith('meta:')) continue;
    const experiment = checkedExperiment(await store.get(key), key.slice('meta:'.length));
    if (experiment === null) unreadable += 1;
    else experiments.push(experiment);
  }
  experiments.sort((a, b) => b.savedAt - a.savedAt);
  return { experiments, unreadable };
}

/** A name as typed, trimmed and checked; the reason when it cannot be used. */
export function checkedName(text: string): { ok: true; name: string } | { ok: false; why: string } {
  const name = text.replace(/\s+/g, ' ').trim();
  if (name === '') return { ok: false, why: 'A name cannot be empty.' };
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, why: `A name has at most ${MAX_NAME_LENGTH} characters.` };
  }
  return { ok: true, name };
}

/** "Mode collapse, 5 Dec 2026 14:03", or the data set and objective without a lesson. */
export function defaultName(config: PlaygroundConfig, presetId: string | null, date: Date): string {
  const lesson = presetId === null ? undefined : presetById(presetId);
  const what = lesson?.title ?? runName(config);
  const when = date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${what}, ${when.replace(',', '')}`.slice(0, MAX_NAME_LENGTH);
}

/** The open lesson's claim, judged as its card judges it (Lessons.tsx); null without a lesson. */
export function claimOf(
  presetId: string | null,
  metrics: SnapshotMetrics | null,
  iteration: number,
): ExperimentClaim | null {
  const preset = presetId === null ? undefined : presetById(presetId);
  if (preset === undefined) return null;
  const { claim } = preset;
  const status = claimStatus(claim, metrics, iteration);
  return { presetId: preset.id, title: preset.title, text: claim.text, status };
}

/**
 * The run to keep with an experiment: the page's latest save when it is this experiment's (the
 * same settings and comparison, from before what is shown: a save older than a reset is not) and
 * trained at all; null otherwise.
 */
export function runOfExperiment(
  run: SavedRun | null,
  config: PlaygroundConfig,
  view: ViewState,
  iteration: number,
): SavedRun | null {
  if (run === null) return null;
  const trained = run.checkpoint.iteration;
  if (trained === 0 || trained > iteration) return null;
  const ofRun = encodeLink(run.config, { ...view, compare: compareOverridesOf(run) });
  return ofRun === encodeLink(config, view) ? run : null;
}

/** Why the browser would not keep something, in words a lecturer can act on. */
export function describeStorageError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return "this browser's storage for the playground is full: delete a few experiments (those with a kept run take the most room)";
  }
  const message = error instanceof Error ? error.message : String(error);
  return `the browser refused (${message.slice(0, 160)})`;
}

/** The draft of an experiment to save, before it has an id and a time. */
export type ExperimentDraft = Omit<Experiment, 'id' | 'savedAt' | 'runIteration'>;

/** What a save did: the experiment as kept, and a note when it was kept without its run. */
export interface SaveOutcome {
  experiment: Experiment;
  note: string | null;
}

/**
 * Saves an experiment (throws with why when it cannot be: the cap, a bad name, storage). When the
 * storage has no room for its run, the settings alone are kept, and the note says so.
 */
export async function saveExperiment(
  store: RunStore,
  draft: ExperimentDraft,
  run: SavedRun | null,
  now = Date.now(),
): Promise<SaveOutcome> {
  const name = checkedName(draft.name);
  if (!name.ok) throw new Error(name.why);
  const { experiments } = await listExperiments(store);
  if (experiments.length >= MAX_EXPERIMENTS) {
    throw new Error(
      `At most ${MAX_EXPERIMENTS} experiments are kept in this browser: delete one to save another.`,
    );
  }
  const base = { ...draft, name: name.name, id: newId(), savedAt: now };
  const experiment: Experiment = { ...base, runIteration: run?.checkpoint.iteration ?? null };
  const meta = (e: Experiment): [string, unknown] => [
    metaKey(e.id),
    { version: EXPERIMENT_VERSION, experiment: e },
  ];
  if (run !== null) {
    try {
      await store.setMany([
        meta(experiment),
        [runKey(experiment.id), { version: EXPERIMENT_VERSION, run }],
      ]);
      return { experiment, note: null };
    } catch (error) {
      // One transaction: nothing of it was written. The link alone is a few hundred bytes.
      const settingsOnly: Experiment = { ...experiment, runIteration: null };
      await store.setMany([meta(settingsOnly)]).catch((again: unknown) => {
        throw new Error(`It could not be saved: ${describeStorageError(again)}.`);
      });
      return {
        experiment: settingsOnly,
        note: `Saved without its run (${describeStorageError(error)}): opening it starts training afresh.`,
      };
    }
  }
  try {
    await store.setMany([meta(experiment)]);
  } catch (error) {
    throw new Error(`It could not be saved: ${describeStorageError(error)}.`);
  }
  return { experiment, note: null };
}

/** Renames an experiment (throws with why: a bad name, gone, storage). */
export async function renameExperiment(
  store: RunStore,
  id: string,
  text: string,
): Promise<Experiment> {
  const name = checkedName(text);
  if (!name.ok) throw new Error(name.why);
  const current = checkedExperiment(await store.get(metaKey(id)), id);
  if (current === null) throw new Error('It is no longer kept (deleted in another tab?).');
  const renamed = { ...current, name: name.name };
  try {
    await store.setMany([[metaKey(id), { version: EXPERIMENT_VERSION, experiment: renamed }]]);
  } catch (error) {
    throw new Error(`It could not be renamed: ${describeStorageError(error)}.`);
  }
  return renamed;
}

/** A deleted experiment's entries as they were, to put back on Undo. */
export interface DeletedExperiment {
  experiment: Experiment;
  entries: [string, unknown][];
}

/** Deletes an experiment, and returns what it was, for Undo. */
export async function deleteExperiment(
  store: RunStore,
  id: string,
): Promise<DeletedExperiment | null> {
  const stored = await store.get(metaKey(id));
  const experiment = checkedExperiment(stored, id);
  if (experiment === null) return null;
  const run = await store.get(runKey(id));
  const entries: [string, unknown][] = [[metaKey(id), stored]];
  if (run !== undefined) entries.push([runKey(id), run]);
  await store.delMany([metaKey(id), runKey(id)]);
  return { experiment, entries };
}

/** Puts a deleted experiment back as it was. */
export async function undoDelete(store: RunStore, deleted: DeletedExperiment): Promise<void> {
  try {
    await store.setMany(deleted.entries);
  } catch (error) {
    throw new Error(`It could not be put back: ${describeStorageError(error)}.`);
  }
}

/** What opening an experiment uses: its link, its run when one is kept and readable, and why not. */
export interface OpenedExperiment {
  link: string;
  run: SavedRun | null;
  note: string | null;
}

/**
 * The link and the kept run of an experiment, the run checked in full (storedRun.ts) and against
 * the link: a run that is damaged, or is not of these settings, is left out and the note says so.
 */
export async function openExperiment(
  store: RunStore,
  experiment: Experiment,
  now = Date.now(),
): Promise<OpenedExperiment> {
  const { link } = experiment;
  if (experiment.runIteration === null) return { link, run: null, note: null };
  const afresh = 'the settings are opened and training starts afresh';
  const stored = storedRunSchema.safeParse(await store.get(runKey(experiment.id)));
  if (!stored.success) return { link, run: null, note: `Its run is no longer kept: ${afresh}.` };
  const checked = checkedSavedRun(stored.data.run, now);
  if (!checked.ok) {
    return { link, run: null, note: `Its run could not be read (${checked.problem}): ${afresh}.` };
  }
  const decoded = decodeLink(`#${link}`);
  const run = runOfExperiment(checked.value, decoded.config, decoded.view, Number.MAX_SAFE_INTEGER);
  if (run === null)
    return { link, run: null, note: `Its run has other settings than its link: ${afresh}.` };
  return { link, run, note: null };
}

/** "Ring of 8 Gaussians" for the list's alternative text of a thumbnail. */
export function datasetOfLink(link: string): string {
  const { config } = decodeLink(`#${link}`);
  return FIELDS.dataset.optionLabels[config.dataset] ?? config.dataset;
}
