import { type KeyboardEvent, useEffect, useState } from 'react';
import {
  CONFIG_KEYS,
  type ConfigKey,
  FIELDS,
  GROUPS,
  type GroupId,
  type PlaygroundConfig,
} from '../../config/schema';
import { formatValue, parseValue } from '../../config/url';

interface ControlPanelProps {
  config: PlaygroundConfig;
  onChange: <K extends ConfigKey>(key: K, value: PlaygroundConfig[K]) => void;
  /**
   * Whether a classroom link hides a group (by id), a setting (by URL key) or the advanced
   * switch ("advanced"); hidden settings keep their values.
   */
  hidden?: (target: string) => boolean;
}

const KEYS_BY_GROUP = new Map<GroupId, ConfigKey[]>(
  GROUPS.map((group) => [group.id, CONFIG_KEYS.filter((key) => FIELDS[key].group === group.id)]),
);

/** Every setting of the schema, grouped, each with its help text. Nothing here lists fields by hand. */
export function ControlPanel({ config, onChange, hidden = () => false }: ControlPanelProps) {
  const [advanced, setAdvanced] = useState(false);
  return (
    <form
      className="control-panel"
      aria-label="Settings"
      data-tour="settings"
      onSubmit={(e) => e.preventDefault()}
    >
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

interface ControlProps<K extends ConfigKey> {
  fieldKey: K;
  value: PlaygroundConfig[K];
  onChange: (key: K, value: PlaygroundConfig[K]) => void;
}

function Control<K extends ConfigKey>({ fieldKey, value, onChange }: ControlProps<K>) {
  const field = FIELDS[fieldKey];
  const id = `control-${fieldKey}`;
  const helpId = `${id}-help`;
  const noteId = `${id}-note`;
  const text = formatValue(fieldKey, value);
  const [draft, setDraft] = useState(text);
  const [note, setNote] = useState<string | null>(null);
  // A value changed elsewhere (reset of a fix, a pasted link) replaces the draft.
  useEffect(() => setDraft(text), [text]);

  const commit = (raw: string): void => {
    const repaired = parseValue(fieldKey, raw);
    setNote(repaired.reason ?? null);
    const next = formatValue(fieldKey, repaired.value);
    setDraft(next);
    if (next !== text) onChange(fieldKey, repaired.value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') commit(event.currentTarget.value);
    if (event.key === 'Escape') {
      setDraft(text);
      setNote(null);
    }
  };
  const describedBy = note === null ? helpId : `${helpId} ${noteId}`;

  let input: React.ReactNode;
  switch (field.kind) {
    case 'choice':
      input = (
        <select
          id={id}
          name={field.urlKey}
          value={text}
          aria-describedby={describedBy}
          onChange={(event) => commit(event.currentTarget.value)}
        >
          {field.options.map((option) => (
            <option key={option} value={option}>
              {(field.optionLabels as Record<string, string>)[option]}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
    case 'list':
    case 'points':
      input = (
        <input
          id={id}
          name={field.urlKey}
          type="text"
          inputMode={field.kind === 'number' ? 'decimal' : 'text'}
          autoComplete="off"
          spellCheck={false}
          value={draft}
          aria-describedby={describedBy}
          aria-invalid={note !== null}
          onChange={(event) => setDraft(event.currentTarget.value)}
          onBlur={(event) => commit(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      );
      break;
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }

  return (
    <div className="control">
      <label htmlFor={id}>{field.label}</label>
      {input}
      <p id={helpId} className="control-help">
        {field.help}
        {field.kind === 'choice' && field.optionHelp !== undefined && (
          <span className="option-help">
            {' '}
            {(field.optionHelp as Partial<Record<string, string>>)[text]}
          </span>
        )}
      </p>
      {note !== null && (
        <p id={noteId} className="control-note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
