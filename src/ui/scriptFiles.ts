/**
 * The share menu's script exports as results instead of throws: a config the engine refuses
 * (points not drawn yet, packing larger than the batch, the MMD objective with a batch of 1, all
 * mixture weights zero) cannot become a script, and the page must say why rather than leave an
 * uncaught error in the console and no file.
 */
import type { PlaygroundConfig } from '../config/schema';
import { nodeScript } from '../export/node';
import { pytorchScript } from '../export/pytorch';
import type { UserPoints } from '../worker/protocol';

export type ScriptKind = 'pytorch' | 'node';

/** A file to download, or why there is none. */
export type FileResult =
  | { ok: true; text: string; type: string; name: string; what: string }
  | { ok: false; error: string };

const SCRIPTS: Record<
  ScriptKind,
  {
    write: (config: PlaygroundConfig, points: UserPoints | null) => string;
    type: string;
    name: string;
    what: string;
  }
> = {
  pytorch: {
    write: pytorchScript,
    type: 'text/x-python',
    name: 'gan.py',
    what: 'The PyTorch script',
  },
  node: { write: nodeScript, type: 'text/javascript', name: 'gan.mjs', what: 'The Node script' },
};

/** An error's message as the end of a sentence, with its full stop. */
export function sentence(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).trim();
  if (text === '') return 'an unknown error.';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The script of `kind` for this experiment, or a message saying why it cannot be written. */
export function scriptFile(
  kind: ScriptKind,
  config: PlaygroundConfig,
  points: UserPoints | null,
): FileResult {
  const script = SCRIPTS[kind];
  try {
    return { ok: true, text: script.write(config, points), ...script };
  } catch (error) {
    return {
      ok: false,
      error: `${script.what} cannot be written for these settings: ${sentence(error)} Change them and try again; nothing was downloaded.`,
    };
  }
}
