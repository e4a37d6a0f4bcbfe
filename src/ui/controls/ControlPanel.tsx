import { useState } from 'react';
import {
  CONFIG_KEYS,
  type ConfigKey,
  FIELDS,
  GROUPS,
  type GroupId,
  type PlaygroundConfig,
} from '../../config/schema';
import type { Playground } from '../app/usePlayground';
import type { SettingsControls } from '../useSettingsHistory';
import { Control } from './Control';
import { SettingsBar } from './SettingsBar';

interface ControlPanelProps {
  config: PlaygroundConfig;
  onChange: <K extends ConfigKey>(key: K, value: PlaygroundConfig[K]) => void;
  /**
   * Whether a classroom link hides a group (by id), a setting (by URL key) or the advanced
   * switch ("advanced"); hidden settings keep their values.
   */
  hidden?: (target: string) => boolean;
  /** Undo, redo and the question before a restart, shown above the settings. */
  settings?: SettingsControls;
  /** The live run's iteration (said in the question before a restart). */
  iteration?: number;
  /** Whether the advanced settings are shown (kept in the link); local state without it. */
  advanced?: boolean;
  onAdvanced?: (on: boolean) => void;
}

const KEYS_BY_GROUP = new Map<GroupId, ConfigKey[]>(
  GROUPS.map((group) => [group.id, CONFIG_KEYS.filter((key) => FIELDS[key].group === group.id)]),
);

/** Every setting of the schema, grouped, each with its help text. Nothing here lists fields by hand. */
export function ControlPanel({
  config,
  onChange,
  hidden = () => false,
  settings,
  iteration = 0,
  advanced: shownAdvanced,
  onAdvanced,
}: ControlPanelProps) {
  const [ownAdvanced, setOwnAdvanced] = useState(false);
  const advanced = shownAdvanced ?? ownAdvanced;
  const setAdvanced = onAdvanced ?? setOwnAdvanced;
  return (
    <form
      className="control-panel"
      aria-label="Settings"
      data-tour="settings"
      onSubmit={(e) => e.preventDefault()}
    >
      {settings !== undefined && <SettingsBar settings={settings} iteration={iteration} />}
      {!hidden('advanced') && (
        <label className="advanced-toggle">
          <input
            type="checkbox"
            checked={advanced}
            onChange={(event) => setAdvanced(event.currentTarget.checked)}
          />
          Show advanced settings (activations, optimiser details, stabilisers, backend)
        </label>
      )}
      {GROUPS.filter((group) => !hidden(group.id)).map((group) => {
        const keys = (KEYS_BY_GROUP.get(group.id) ?? []).filter(
          (key) =>
            !hidden(FIELDS[key].urlKey) &&
            (advanced || !FIELDS[key].advanced) &&
            (FIELDS[key].visible?.(config) ?? true),
        );
        if (keys.length === 0) return null;
        return (
          <fieldset key={group.id} className={`control-group group-${group.id}`}>
            <legend>{group.label}</legend>
            {keys.map((key) => (
              <Control key={key} fieldKey={key} value={config[key]} onChange={onChange} />
            ))}
          </fieldset>
        );
      })}
    </form>
  );
}

/** The panel's props from the page's state: the settings shown, undo/redo, the link's switch. */
export function controlPanelProps(playground: Playground): ControlPanelProps {
  return {
    config: playground.settings.shown,
    onChange: playground.setValue,
    hidden: playground.hidden,
    settings: playground.settings,
    iteration: playground.trainer.snapshot?.iteration ?? 0,
    advanced: playground.view.advanced,
    onAdvanced: playground.setShowAdvanced,
  };
}
