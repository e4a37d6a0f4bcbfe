import { useCallback, useEffect, useState } from 'react';
import { withWayForward } from '../config/needs';
import { type ConfigKey, defaultConfig, type PlaygroundConfig } from '../config/schema';
import { type ConfigFix, type DecodedLink, decodeLink, encodeLink } from '../config/url';
import { defaultView, type ViewState } from '../config/view';

/** Values that could not be used as given, and where they came from. */
export interface Fixes {
  /** "link" or a file's name. */
  source: string;
  fixes: ConfigFix[];
}

export interface LinkState {
  config: PlaygroundConfig;
  view: ViewState;
  /** Values of the opened link (or imported file) that were not usable as given, with why. */
  fixes: Fixes | null;
  setValue: <K extends ConfigKey>(key: K, value: PlaygroundConfig[K]) => void;
  /** Replaces the whole config keeping the fixes reported (an undo, a confirmed change). */
  setSettings: (config: PlaygroundConfig) => void;
  /** Replaces the whole config (a lesson, an imported file), optionally reporting fixes. */
  replaceConfig: (config: PlaygroundConfig, fixes?: Fixes | null) => void;
  updateView: (change: (view: ViewState) => ViewState) => void;
  dismissFixes: () => void;
}

function readLocation(): DecodedLink {
  try {
    // What the link hides but the page cannot do without is shown, and listed with the fixes.
    return withWayForward(decodeLink(window.location.hash));
  } catch (error) {
    // decodeLink is fuzzed never to throw (tests/config/fuzz.test.ts); were it ever to, the page
    // still opens, on the defaults, and says so.
    return {
      config: defaultConfig(),
      view: defaultView(),
      fixes: [
        {
          key: 'link',
          given: '',
          used: 'the defaults',
          reason: `The link could not be read (${String(error).slice(0, 80)}); the defaults are used.`,
        },
      ],
    };
  }
}

/** Writes the link into the hash without adding a history entry per edit. */
function writeLocation(config: PlaygroundConfig, view: ViewState): void {
  const hash = `#${encodeLink(config, view)}`;
  if (window.location.hash !== hash) {
    window.history.replaceState(window.history.state, '', hash);
  }
}

function linkFixes(fixes: ConfigFix[]): Fixes | null {
  return fixes.length === 0 ? null : { source: 'link', fixes };
}

/**
 * The config and the view state live in the URL hash: read once on load (repairing bad values
 * and reporting each fix), written back on every change with `history.replaceState`, and re-read
 * if the user pastes a new hash into the address bar.
 */
export function useLink(): LinkState {
  const [initial] = useState(readLocation);
  const [config, setConfig] = useState<PlaygroundConfig>(initial.config);
  const [view, setView] = useState<ViewState>(initial.view);
  const [fixes, setFixes] = useState<Fixes | null>(linkFixes(initial.fixes));

  useEffect(() => {
    writeLocation(config, view);
  }, [config, view]);

  useEffect(() => {
    const onHashChange = (): void => {
      const decoded = readLocation();
      setConfig(decoded.config);
      setView(decoded.view);
      setFixes(linkFixes(decoded.fixes));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const setValue = useCallback(<K extends ConfigKey>(key: K, value: PlaygroundConfig[K]) => {
    setConfig((previous) => ({ ...previous, [key]: value }));
  }, []);
  const setSettings = useCallback((next: PlaygroundConfig) => setConfig(next), []);
  const replaceConfig = useCallback((next: PlaygroundConfig, nextFixes: Fixes | null = null) => {
    setConfig(next);
    setFixes(nextFixes);
  }, []);
  const updateView = useCallback((change: (view: ViewState) => ViewState) => setView(change), []);
  const dismissFixes = useCallback(() => setFixes(null), []);

  return { config, view, fixes, setValue, setSettings, replaceConfig, updateView, dismissFixes };
}
