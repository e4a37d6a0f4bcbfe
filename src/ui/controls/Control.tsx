import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { LIVE_KEYS } from '../../config/live';
import { type ConfigKey, FIELDS, type PlaygroundConfig } from '../../config/schema';
import { formatValue, parseValue } from '../../config/url';
import { runEffect } from './runEffect';

export interface ControlProps<K extends ConfigKey> {
  fieldKey: K;
  value: PlaygroundConfig[K];
  onChange: (key: K, value: PlaygroundConfig[K]) => void;
}

/**
 * The browser's own undo and redo of a text field's typing (Ctrl+Z in the field). They change
 * the text without a commit, so the field commits them at once: it never shows a value the run,
 * the plots and the link do not have.
 */
function isHistoryEdit(event: FormEvent<HTMLInputElement>): boolean {
  const native = event.nativeEvent;
  return (
    typeof InputEvent !== 'undefined' &&
    native instanceof InputEvent &&
    (native.inputType === 'historyUndo' || native.inputType === 'historyRedo')
  );
}

/** One setting of the schema: a select for a choice, a text field for the rest, with its help. */
export function Control<K extends ConfigKey>({ fieldKey, value, onChange }: ControlProps<K>) {
  const field = FIELDS[fieldKey];
  const id = `control-${fieldKey}`;
  const helpId = `${id}-help`;
  const noteId = `${id}-note`;
  const text = formatValue(fieldKey, value);
  const [draft, setDraft] = useState(text);
  const [note, setNote] = useState<string | null>(null);
  // A value changed elsewhere (an undo, a reset of a fix, a pasted link) replaces the draft.
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
          data-draft={draft !== text ? 'edited' : undefined}
          onChange={(event) => {
            if (isHistoryEdit(event)) commit(event.currentTarget.value);
            else setDraft(event.currentTarget.value);
          }}
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
        )}{' '}
        <span className="run-effect" data-live={LIVE_KEYS.has(fieldKey)}>
          {runEffect(fieldKey)}
        </span>
      </p>
      {note !== null && (
        <p id={noteId} className="control-note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
