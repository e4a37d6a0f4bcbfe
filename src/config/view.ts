/**
 * What a link says about the page besides the training config: the lesson it opens, the layers
 * and curves it shows, and, for classroom links, which parts it hides (`hide=`) or whether it is
 * an embed (`embed=1`: the plots and a play button, nothing else). Like the config, every value is
 * repaired, never rejected, and each repair is reported.
 */
import { z } from 'zod';
import { presetById } from './presets';
import { CONFIG_KEYS, type ConfigKey, FIELDS, GROUPS, type PlaygroundConfig } from './schema';

/**
 * Settings a side-by-side comparison cannot change: both runs train on the same data from the
 * same seed, on the same backend, measured with the same kernel.
 */
export const SHARED_BY_COMPARISON: ReadonlySet<ConfigKey> = new Set([
  'dataset',
  'gaussianMean',
  'gaussianStd',
  'mixtureMeans',
  'mixtureStd',
  'mixtureWeights',
  'seed',
  'backend',
  'kernelBandwidth',
]);

/** The settings of the second run of a comparison that differ from the first's. */
export type CompareOverrides = Partial<PlaygroundConfig>;

/** Prefix of the URL keys of the comparison's settings: `b.sigma=2` is σ = 2 for run B. */
export const COMPARE_PREFIX = 'b.';

/** The layers of the distribution view, in display order. */
export const LAYER_NAMES = [
  'discriminator',
  'manifold',
  'push',
  'density',
] as const satisfies readonly (keyof DistributionLayers)[];
export type LayerName = (typeof LAYER_NAMES)[number];
/** Which of the networks' views are drawn under and over the samples. */
export interface DistributionLayers {
  /** The discriminator's verdict over the plane (2-D) or its curve D(x) (1-D). */
  discriminator: boolean;
  /** The generator's manifold: a grid in noise space pushed through G. */
  manifold: boolean;
  /** Arrows on generated samples along −∇ₓ L_G: where the generator's loss pushes them. */
  push: boolean;
  /** 1-D: smoothed densities (Gaussian kernel density estimates) over the histograms. */
  density: boolean;
}

/** The parts of the page (besides single settings and their groups) a classroom link can hide. */
export const HIDEABLE_PARTS = {
  controls: 'the whole settings panel',
  advanced: 'the advanced-settings switch',
  lessons: 'the lessons gallery and the lesson card',
  share: 'the link, import and export buttons',
  toolbar: 'the play, step and reset buttons',
  overview: 'the model overview',
  noise: 'the noise view',
  kernel: 'the kernel view',
  curves: 'the training curves',
  metrics: 'the metrics panel',
  timeline: 'the timeline',
} as const;
export type HideablePart = keyof typeof HIDEABLE_PARTS;

/**
 * The views `show=` picks to sit beside the main plot when the page is reduced to a few views
 * (an embed, a presentation), in the order given.
 */
export const SHOWABLE_VIEWS = {
  losses: 'the loss curves',
  mmd: 'the MMD² curve',
  noise: 'the noise view',
  kernel: 'the kernel view',
  overview: 'the model overview',
  curves: 'the training curves',
  metrics: 'the metrics panel',
} as const;
export type ShowableView = keyof typeof SHOWABLE_VIEWS;
const SHOWABLE_NAMES = Object.keys(SHOWABLE_VIEWS) as ShowableView[];

/**
 * The curve cards whose y scale a link keeps (`log=loss,mmd`, `linear=gradient`), by the names
 * their cards go by. A curve named in neither list is drawn on its own default scale.
 */
export const CURVE_NAMES = [
  'loss',
  'mmd',
  'd-output',
  'gradient',
  'wasserstein',
  'divergence',
  'modes',
] as const;
export type CurveName = (typeof CURVE_NAMES)[number];

/**
 * Everything `hide=` accepts: a part of the page, a group of settings (by id, e.g. "training")
 * or one setting (by its URL key, e.g. "lrG"). A group id and a part share the name "kernel":
 * both are hidden.
 */
export const HIDE_TARGETS: ReadonlySet<string> = new Set([
  ...Object.keys(HIDEABLE_PARTS),
  ...GROUPS.map((group) => group.id),
  ...CONFIG_KEYS.map((key) => FIELDS[key].urlKey),
]);

export interface ViewState {
  /** The lesson the link opens (its card shows the story), or null. */
  preset: string | null;
  layers: DistributionLayers;
  /** Whether the loss curves are drawn smoothed. */
  smoothLosses: boolean;
  /** Parts, groups and settings hidden from view (they keep their values). */
  hide: readonly string[];
  /** The page reduced to its plots and a play button, for an iframe. */
  embed: boolean;
  /** Views chosen to sit beside the main plot in an embed or a presentation (empty: their defaults). */
  show: readonly ShowableView[];
  /** Presentation mode: the plot and a few views large, for a projector, driven by the keyboard. */
  present: boolean;
  /** The advanced settings (activations, optimiser details, stabilisers, backend) are shown. */
  advanced: boolean;
  /** Curves drawn on a log scale whatever their default (`log=`). */
  logCurves: readonly CurveName[];
  /** Curves drawn on a linear scale whatever their default (`linear=`). */
  linearCurves: readonly CurveName[];
  /** A second run trained side by side, as the settings it changes; null when off. */
  compare: CompareOverrides | null;
}

/**
 * The zod schema of a view state, derived from the lists above and the settings' own schemas: only
 * known lessons, layers and hideable targets, and comparison changes to settings run B may vary.
 */
export const viewSchema: z.ZodType<ViewState> = z.strictObject({
  preset: z
    .string()
    .refine((id) => presetById(id) !== undefined, { message: 'No lesson has this name' })
    .nullable(),
  layers: z.strictObject(
    Object.fromEntries(LAYER_NAMES.map((name) => [name, z.boolean()])) as Record<
      LayerName,
      z.ZodBoolean
    >,
  ),
  smoothLosses: z.boolean(),
  hide: z
    .array(z.string().refine((target) => HIDE_TARGETS.has(target), { message: 'Nothing to hide' }))
    .refine((targets) => new Set(targets).size === targets.length, {
      message: 'A target is listed twice',
    }),
  embed: z.boolean(),
  show: z
    .array(z.enum(SHOWABLE_NAMES as [ShowableView, ...ShowableView[]]))
    .refine((views) => new Set(views).size === views.length, {
      message: 'A view is listed twice',
    }),
  present: z.boolean(),
  advanced: z.boolean(),
  logCurves: curveListSchema(),
  linearCurves: curveListSchema(),
  compare: z
    .strictObject(
      Object.fromEntries(
        CONFIG_KEYS.filter((key) => !SHARED_BY_COMPARISON.has(key)).map((key) => [
          key,
          FIELDS[key].schema.optional(),
        ]),
      ) as Record<ConfigKey, z.ZodOptional<z.ZodType<unknown>>>,
    )
    .nullable(),
}) as unknown as z.ZodType<ViewState>;

export function defaultView(): ViewState {
  return {
    preset: null,
    layers: { discriminator: true, manifold: true, push: true, density: true },
    smoothLosses: false,
    hide: [],
    embed: false,
    show: [],
    present: false,
    advanced: false,
    logCurves: [],
    linearCurves: [],
    compare: null,
  };
}

/** The second run's full config: the first's, with the comparison's changes. */
export function compareConfig(
  config: PlaygroundConfig,
  compare: CompareOverrides,
): PlaygroundConfig {
  return { ...config, ...compare };
}

/** URL keys of the view state, in the order they are written. */
export const VIEW_URL_KEYS = [
  'preset',
  'layers',
  'smoothed',
  'hide',
  'embed',
  'show',
  'present',
  'advanced',
  'log',
  'linear',
  'compare',
] as const;
export type ViewUrlKey = (typeof VIEW_URL_KEYS)[number];

/** Whether `hide` hides this target (a part, a group id or a setting's URL key). */
export function isHidden(view: ViewState, target: string): boolean {
  return view.hide.includes(target);
}

const FLAG_ON = new Set(['1', 'true', 'yes', 'on']);
const FLAG_OFF = new Set(['0', 'false', 'no', 'off', '']);

/** The repaired value of one view key, with why when it was not usable as given. */
export interface ViewRepair {
  apply: (view: ViewState) => ViewState;
  reason?: string;
  used?: string;
}

/** A flag's value: on ("1", "true", "yes", "on"), off ("0", "false", "no", "off", "") or neither. */
export function readFlag(raw: string): boolean | undefined {
  const text = raw.trim().toLowerCase();
  if (FLAG_ON.has(text)) return true;
  if (FLAG_OFF.has(text)) return false;
  return undefined;
}

function flag(raw: string, set: (on: boolean) => (view: ViewState) => ViewState): ViewRepair {
  const on = readFlag(raw);
  if (on !== undefined) return { apply: set(on) };
  return { apply: set(false), reason: `${quoted([raw])} is not 1 or 0; using 0.`, used: '0' };
}

const MAX_NAMED = 3;
const MAX_NAME_LENGTH = 24;

/**
 * Items as a message names them: the first few, each on one line and cut short, so that a
 * hostile link cannot flood the banner.
 */
function quoted(items: readonly string[]): string {
  const shown = items.slice(0, MAX_NAMED).map((item) => {
    const line = item.replace(/\s+/g, ' ');
    return `“${line.length > MAX_NAME_LENGTH ? `${line.slice(0, MAX_NAME_LENGTH)}…` : line}”`;
  });
  const more = items.length - MAX_NAMED;
  return more > 0 ? `${shown.join(', ')} and ${more.toLocaleString('en')} more` : shown.join(', ');
}

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Parses one view key's value. `preset` is checked by the caller (it also changes the config the
 * rest of the link applies to).
 */
export function parseViewValue(key: Exclude<ViewUrlKey, 'preset'>, raw: string): ViewRepair {
  switch (key) {
    case 'layers': {
      const items = list(raw).map((item) => item.toLowerCase());
      const known = items.filter((item): item is LayerName =>
        (LAYER_NAMES as readonly string[]).includes(item),
      );
      const unknown = items.filter((item) => !(LAYER_NAMES as readonly string[]).includes(item));
      const layers: DistributionLayers = {
        discriminator: known.includes('discriminator'),
        manifold: known.includes('manifold'),
        push: known.includes('push'),
        density: known.includes('density'),
      };
      return {
        apply: (view) => ({ ...view, layers }),
        ...(unknown.length > 0 && {
          reason: `Unknown layer${unknown.length > 1 ? 's' : ''} ${quoted(unknown)} ignored; the layers are ${LAYER_NAMES.join(', ')}.`,
          used: known.join(','),
        }),
      };
    }
    case 'smoothed':
      return flag(raw, (on) => (view) => ({ ...view, smoothLosses: on }));
    case 'embed':
      return flag(raw, (on) => (view) => ({ ...view, embed: on }));
    case 'present':
      return flag(raw, (on) => (view) => ({ ...view, present: on }));
    case 'show': {
      const items = list(raw).map((item) => item.toLowerCase());
      const known = [
        ...new Set(
          items.filter((item): item is ShowableView => Object.hasOwn(SHOWABLE_VIEWS, item)),
        ),
      ];
      const unknown = items.filter((item) => !Object.hasOwn(SHOWABLE_VIEWS, item));
      return {
        apply: (view) => ({ ...view, show: known }),
        ...(unknown.length > 0 && {
          reason: `No view called ${quoted(unknown)} can be shown; ignored. The views are ${SHOWABLE_NAMES.join(', ')}.`,
          used: known.join(','),
        }),
      };
    }
    case 'advanced':
      return flag(raw, (on) => (view) => ({ ...view, advanced: on }));
    case 'log':
      return curveList(raw, (curves) => (view) => ({ ...view, logCurves: curves }));
    case 'linear':
      return curveList(raw, (curves) => (view) => ({ ...view, linearCurves: curves }));
    case 'compare':
      // The changes come with their own `b.` keys; this flag turns the comparison on or off.
      return flag(raw, (on) => (view) => ({ ...view, compare: on ? (view.compare ?? {}) : null }));
    case 'hide': {
      const items = list(raw);
      // Setting URL keys are matched case-insensitively, like the settings themselves.
      const canonical = new Map([...HIDE_TARGETS].map((target) => [target.toLowerCase(), target]));
      const known = [...new Set(items.flatMap((item) => canonical.get(item.toLowerCase()) ?? []))];
      const unknown = items.filter((item) => !canonical.has(item.toLowerCase()));
      return {
        apply: (view) => ({ ...view, hide: known }),
        ...(unknown.length > 0 && {
          reason: `Nothing called ${quoted(unknown)} can be hidden; ignored.`,
          used: known.join(','),
        }),
      };
    }
    default: {
      const unreachable: never = key;
      return unreachable;
    }
  }
}

function curveListSchema(): z.ZodType<readonly CurveName[]> {
  return z.array(z.enum(CURVE_NAMES)).refine((curves) => new Set(curves).size === curves.length, {
    message: 'A curve is listed twice',
  });
}

/** A list of curve names (any case, each once), the unknown ones reported and dropped. */
function curveList(
  raw: string,
  set: (curves: CurveName[]) => (view: ViewState) => ViewState,
): ViewRepair {
  const items = list(raw).map((item) => item.toLowerCase());
  const names: readonly string[] = CURVE_NAMES;
  const known = [...new Set(items.filter((item): item is CurveName => names.includes(item)))];
  const unknown = items.filter((item) => !names.includes(item));
  return {
    apply: set(known),
    ...(unknown.length > 0 && {
      reason: `No curve called ${quoted(unknown)}; ignored. The curves are ${CURVE_NAMES.join(', ')}.`,
      used: known.join(','),
    }),
  };
}

/** The scale a curve is drawn on: the link's choice, else its own default. */
export function curveScale(
  view: Pick<ViewState, 'logCurves' | 'linearCurves'>,
  name: CurveName,
  initial: 'linear' | 'log',
): 'linear' | 'log' {
  if (view.logCurves.includes(name)) return 'log';
  if (view.linearCurves.includes(name)) return 'linear';
  return initial;
}

/** The view with a curve drawn on `scale`, named in a list only where that is not its default. */
export function withCurveScale(
  view: ViewState,
  name: CurveName,
  initial: 'linear' | 'log',
  scale: 'linear' | 'log',
): ViewState {
  const logCurves = view.logCurves.filter((curve) => curve !== name);
  const linearCurves = view.linearCurves.filter((curve) => curve !== name);
  if (scale !== initial) (scale === 'log' ? logCurves : linearCurves).push(name);
  return { ...view, logCurves, linearCurves };
}

/** The view's URL pairs that differ from the default view, as `key=value` texts. */
export function encodeView(view: ViewState): string[] {
  const defaults = defaultView();
  const pairs: string[] = [];
  if (view.preset !== null) pairs.push(`preset=${encodeURIComponent(view.preset)}`);
  if (LAYER_NAMES.some((name) => view.layers[name] !== defaults.layers[name])) {
    pairs.push(`layers=${LAYER_NAMES.filter((name) => view.layers[name]).join(',')}`);
  }
  if (view.smoothLosses) pairs.push('smoothed=1');
  if (view.hide.length > 0) pairs.push(`hide=${view.hide.map(encodeURIComponent).join(',')}`);
  if (view.embed) pairs.push('embed=1');
  if (view.show.length > 0) pairs.push(`show=${view.show.join(',')}`);
  if (view.present) pairs.push('present=1');
  if (view.advanced) pairs.push('advanced=1');
  if (view.logCurves.length > 0) pairs.push(`log=${view.logCurves.join(',')}`);
  if (view.linearCurves.length > 0) pairs.push(`linear=${view.linearCurves.join(',')}`);
  if (view.compare !== null) pairs.push('compare=1');
  return pairs;
}
