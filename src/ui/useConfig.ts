import { useCallback, useEffect, useState } from 'react';
import type { ConfigKey, PlaygroundConfig } from '../config/schema';
import { type ConfigFix, decodeHash, encodeConfig } from '../config/url';

export interface ConfigState {
  config: PlaygroundConfig;
  /** Values of the opened link that were not usable as given, with why. */
  linkFixes: ConfigFix[];
  setValue: <K extends ConfigKey>(key: K, value: PlaygroundConfig[K]) => void;
  dismissLinkFixes: () => void;
}

function readLocation(): ReturnType<typeof decodeHash> {
  return decodeHash(window.location.hash);
}

/** Writes the config into the hash without adding a history entry per edit. */
function writeLocation(config: PlaygroundConfig): void {
  const hash = `#${encodeConfig(config)}`;
  if (window.location.hash !== hash) {
    window.history.replaceState(window.history.state, '', hash);
  }
}

/**
 * The config lives in the URL hash: read once on load (repairing bad values and reporting each
 * fix), written back on every edit with `history.replaceState`, and re-read if the user pastes a
 * new hash into the address bar.
 */
export function useConfig(): ConfigState {
  const [initial] = useState(readLocation);
  const [config, setConfig] = useState<PlaygroundConfig>(initial.config);
  const [linkFixes, setLinkFixes] = useState<ConfigFix[]>(initial.fixes);

  useEffect(() => {
    writeLocation(config);
  }, [config]);

  useEffect(() => {
    const onHashChange = (): void => {
      const decoded = readLocation();
      setConfig(decoded.config);
      setLinkFixes(decoded.fixes);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const setValue = useCallback(<K extends ConfigKey>(key: K, value: PlaygroundConfig[K]) => {
    setConfig((previous) => ({ ...previous, [key]: value }));
  }, []);
  const dismissLinkFixes = useCallback(() => setLinkFixes([]), []);

  return { config, linkFixes, setValue, dismissLinkFixes };
}
