import { type ChangeEvent, useRef, useState } from 'react';
import {
  CONFIG_FILE_HINT,
  configFromJson,
  configToJson,
  MAX_CONFIG_FILE_BYTES,
} from '../config/configFile';
import type { PlaygroundConfig } from '../config/schema';
import type { UserPoints } from '../worker/protocol';
import { downloadBlob } from './charts/exportChart';
import { readUploadText, withFileName } from './modelFiles';
import { type ScriptKind, scriptFile, sentence } from './scriptFiles';
import { useDismissDetails } from './useDismiss';
import type { Fixes } from './useLink';
import type { GeneratorFiles } from './useTrainer';

/** Said after every refused file, so nobody wonders whether the run was touched. */
const CONFIG_KEPT = 'Your config was kept.';
const GENERATOR_KEPT = 'The current generator was kept.';

/** What happened on the last action, said in the menu's live region. */
type Status = { kind: 'ok' | 'error'; text: string } | null;

/**
 * The experiment's ways out of the browser: the config as JSON (and back in), the
 * trained generator as tfjs model files (and back in), and scripts that rerun the experiment in
 * PyTorch or Node.
 */
export function ShareMenu({
  config,
  preset,
  points,
  generator,
  onImport,
}: {
  config: PlaygroundConfig;
  preset: string | null;
  points: UserPoints | null;
  generator: GeneratorFiles;
  onImport: (config: PlaygroundConfig, fixes: Fixes | null) => void;
}) {
  const [status, setStatus] = useState<Status>(null);
  const configInput = useRef<HTMLInputElement>(null);
  const modelInput = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  useDismissDetails(menu);
  const say = (kind: 'ok' | 'error', text: string): void => setStatus({ kind, text });

  const download = (text: string, type: string, name: string, what: string): void => {
    try {
      downloadBlob(new Blob([text], { type }), name);
      say('ok', `${what} saved as ${name}.`);
    } catch (error) {
      say('error', `${what} could not be saved: ${sentence(error)}`);
    }
  };
  const downloadScript = (kind: ScriptKind): void => {
    const file = scriptFile(kind, config, points);
    if (file.ok) download(file.text, file.type, file.name, file.what);
    else say('error', file.error);
  };

  const importConfig = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (file === undefined) return;
    const read = await readUploadText(file, MAX_CONFIG_FILE_BYTES);
    if (!read.ok) {
      say('error', `${withFileName(file.name, read.error)} ${CONFIG_FILE_HINT} ${CONFIG_KEPT}`);
      return;
    }
    const result = configFromJson(read.text);
    if (!result.ok) {
      say('error', `${file.name}: ${result.error} ${CONFIG_KEPT}`);
      return;
    }
    onImport(
      result.config,
      result.fixes.length > 0 ? { source: file.name, fixes: result.fixes } : null,
    );
    say('ok', `Loaded the config from ${file.name}.`);
  };

  const loadModel = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const files = Array.from(event.currentTarget.files ?? []);
    event.currentTarget.value = '';
    if (files.length === 0) return;
    try {
      say('ok', await generator.load(files));
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      // The engine's messages are clauses without a full stop.
      say('error', `${problem}${/[.!?]$/.test(problem) ? '' : '.'} ${GENERATOR_KEPT}`);
    }
  };

  const saveModel = async (): Promise<void> => {
    try {
      say('ok', await generator.save());
    } catch (error) {
      say('error', error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <details className="share-menu menu" data-testid="share-menu" ref={menu}>
      <summary>Share &amp; export</summary>
      <div className="menu-panel">
        <button
          type="button"
          onClick={() => {
            try {
              download(
                configToJson(config, preset),
                'application/json',
                'gan-config.json',
                'The config',
              );
            } catch (error) {
              say('error', `The config could not be written: ${sentence(error)}`);
            }
          }}
        >
          Export config (JSON)
        </button>
        <button type="button" onClick={() => configInput.current?.click()}>
          Import config (JSON)…
        </button>
        <input
          ref={configInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-config-input"
          onChange={(event) => void importConfig(event)}
        />
        <hr />
        <button type="button" onClick={() => void saveModel()}>
          Export generator (tfjs model)
        </button>
        <button type="button" onClick={() => modelInput.current?.click()}>
          Load generator (model.json + weights)…
        </button>
        <input
          ref={modelInput}
          type="file"
          multiple
          accept=".json,.bin,application/json,application/octet-stream"
          hidden
          data-testid="load-generator-input"
          onChange={(event) => void loadModel(event)}
        />
        <hr />
        <button type="button" onClick={() => downloadScript('pytorch')}>
          PyTorch script (.py)
        </button>
        <button type="button" onClick={() => downloadScript('node')}>
          Node + tfjs script (.mjs)
        </button>
      </div>
      <div
        role="status"
        className={`menu-status ${status?.kind === 'error' ? 'is-error' : ''}`}
        data-testid="share-status"
      >
        {status?.text}
      </div>
    </details>
  );
}
