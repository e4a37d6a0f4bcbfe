/**
 * What the page must show for a user to get anywhere, whatever a classroom link hides. A link's
 * `hide=` and `embed=1` choose what to leave out; some situations need a part of the page all the
 * same: the Play button to train at all, the points editor when the data set is the user's own
 * points (which no link carries), a setting that can lift the engine's refusal of the config.
 * Such a part is brought back, and the link's reading reports it in the banner that lists the
 * link's fixes. The page asks `isPartHidden` about every part, so what the banner says and what
 * the page shows come from the same table.
 */
import { configRefusal, type Refusal } from './refusal';
import { type ConfigKey, FIELDS, type PlaygroundConfig } from './schema';
import type { ConfigFix, DecodedLink } from './url';
import { isHidden, type ViewState } from './view';

/** What an embed (`embed=1`) leaves out: everything but the plots and the play button. */
export const EMBED_HIDES: ReadonlySet<string> = new Set([
  'controls',
  'lessons',
  'share',
  'metrics',
]);

/** Parts that sit inside another: hiding the outer one hides them. */
const INSIDE: Readonly<Record<string, string>> = { points: 'controls' };

/** A situation, and the parts of the page it cannot do without. */
export interface Need {
  /** The parts in words, for the banner. */
  what: string;
  /** Why they are needed: the end of a sentence. */
  why: string;
  /** The `hide=` targets (and, through EMBED_HIDES, the embed) that hide the parts. */
  hiddenBy: readonly string[];
  /** Whether this view leaves the user stuck (by default: any target of hiddenBy is hidden). */
  stuck?: (view: ViewState) => boolean;
  /**
   * 'unhide': the targets that hide the parts are dropped from the link (and an embed that hides
   * them opens as the full page); 'show': they stay, hiding the rest of what they name, and the
   * parts listed in `shows` are shown regardless.
   */
  repair: 'unhide' | 'show';
  /** For 'show': the parts shown whatever hides them. */
  shows: readonly string[];
}

const PLAY: Need = {
  what: 'the toolbar (Play, Step, Reset)',
  why: 'without its Play button nothing can ever train',
  hiddenBy: ['toolbar'],
  repair: 'unhide',
  shows: ['toolbar'],
};

const POINTS: Need = {
  what: 'the points editor',
  why: 'the data set “Your points” starts with none (a link never carries them) and cannot train until some are drawn, pasted or uploaded',
  hiddenBy: ['controls'],
  repair: 'show',
  shows: ['points'],
};

/**
 * The settings that could lift a refusal: the user is stuck only when none of them can be
 * reached (each is hidden with its panel, its group, its own key or the advanced switch).
 */
function refusalNeed(refusal: Refusal): Need {
  const routes = refusal.keys.map(reachBlockers);
  return {
    what: `the settings ${refusal.keys.map((key) => FIELDS[key].label).join(', ')}`,
    why: `the engine refuses these settings (${refusal.reason.replace(/[.!?]$/, '')}) and only they can change that`,
    hiddenBy: [...new Set(routes.flat())],
    stuck: (view) => routes.every((route) => route.some((target) => hiddenByLink(view, target))),
    repair: 'unhide',
    shows: [],
  };
}

/** What hides one setting's control: the panel, its group, its own key, the advanced switch. */
function reachBlockers(key: ConfigKey): string[] {
  const field = FIELDS[key];
  return ['controls', field.group, field.urlKey, ...(field.advanced === true ? ['advanced'] : [])];
}

/** The needs whose parts are shown whatever hides them: cheap, asked on every render. */
function shownNeeds(config: PlaygroundConfig): Need[] {
  return config.dataset === 'points' ? [PLAY, POINTS] : [PLAY];
}

/** The needs of this config's situation. */
export function needsOf(config: PlaygroundConfig): Need[] {
  const refusal = configRefusal(config);
  return [...shownNeeds(config), ...(refusal === null ? [] : [refusalNeed(refusal)])];
}

/** Whether the link's own choices hide a target (of `hide=`, or an embed's list). */
function hiddenByLink(view: ViewState, target: string): boolean {
  return (view.embed && EMBED_HIDES.has(target)) || isHidden(view, target);
}

/**
 * Whether the page hides a part, a group or a setting: what the link hides, except what the
 * situation needs (see needsOf). The points editor is the part 'points'.
 */
export function isPartHidden(view: ViewState, config: PlaygroundConfig, target: string): boolean {
  if (shownNeeds(config).some((need) => need.shows.includes(target))) return false;
  return hiddenByLink(view, INSIDE[target] ?? target);
}

/** Whether this view leaves the user stuck for want of the need's parts. */
function isStuck(view: ViewState, need: Need): boolean {
  return need.stuck?.(view) ?? need.hiddenBy.some((target) => hiddenByLink(view, target));
}

/**
 * The link's view with what its situation needs brought back, and one fix per repair for the
 * banner (under the key that hid the part: `hide` or `embed`). An empty list when nothing needed
 * is hidden; applying it twice changes nothing more.
 */
export function repairWayForward(
  config: PlaygroundConfig,
  view: ViewState,
): { view: ViewState; fixes: ConfigFix[] } {
  let repaired = view;
  const fixes: ConfigFix[] = [];
  for (const need of needsOf(config)) {
    if (!isStuck(repaired, need)) continue;
    const targets = need.hiddenBy.filter((target) => isHidden(repaired, target));
    const embed = repaired.embed && need.hiddenBy.some((target) => EMBED_HIDES.has(target));
    const given = repaired.hide.join(',');
    const what = capitalised(need.what);
    if (need.repair === 'unhide') {
      repaired = { ...repaired, hide: repaired.hide.filter((target) => !targets.includes(target)) };
      if (targets.length > 0) {
        fixes.push({
          key: 'hide',
          given,
          used: repaired.hide.join(','),
          reason: `${what} cannot be hidden: ${need.why}; shown.`,
        });
      }
      if (embed) {
        repaired = { ...repaired, embed: false };
        fixes.push({
          key: 'embed',
          given: '1',
          used: '0',
          reason: `An embed leaves out ${need.what}, but ${need.why}; the full page is shown.`,
        });
      }
      continue;
    }
    const by = [...targets.map((target) => `hide=${target}`), ...(embed ? ['embed=1'] : [])];
    fixes.push({
      key: targets.length > 0 ? 'hide' : 'embed',
      given: targets.length > 0 ? given : '1',
      used: targets.length > 0 ? given : '1',
      reason: `${what} is shown although ${by.join(' and ')} would hide it: ${need.why}.`,
    });
  }
  return { view: repaired, fixes };
}

/** A decoded link with its way-forward repairs applied and listed after its other fixes. */
export function withWayForward(decoded: DecodedLink): DecodedLink {
  const { view, fixes } = repairWayForward(decoded.config, decoded.view);
  return { config: decoded.config, view, fixes: [...decoded.fixes, ...fixes] };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
