import type { RefObject } from 'react';
import type { PlaygroundConfig } from '../../config/schema';
import type { ViewState } from '../../config/view';
import type { SavedRun, Snapshot, UserPoints } from '../../worker/protocol';
import { CopyLinkButton } from '../CopyLinkButton';
import type { DialogHandle } from '../Dialog';
import { ExperimentsPanel } from '../experiments/ExperimentsPanel';
import { LessonGallery } from '../Lessons';
import { ShareMenu } from '../ShareMenu';
import type { Fixes } from '../useLink';
import type { GeneratorFiles } from '../useTrainer';
import { PresentationButton } from './PresentationControls';

/** An embed's header: the name and the way out to the full playground. */
export function EmbedHeader() {
  return (
    <header className="embed-header">
      <span className="embed-title">GAN Playground</span>
      <a href={fullPageLink()} target="_blank" rel="noopener">
        Open the full playground ↗
      </a>
    </header>
  );
}

export interface AppHeaderProps {
  config: PlaygroundConfig;
  view: ViewState;
  points: UserPoints | null;
  snapshot: Snapshot | null;
  generator: GeneratorFiles;
  hidden: (target: string) => boolean;
  help: RefObject<DialogHandle | null>;
  latestRun: () => SavedRun | null;
  onOpenExperiment: (link: string, run: SavedRun | null) => Promise<void>;
  onImport: (next: PlaygroundConfig, fixes: Fixes | null) => void;
  onCompare: () => void;
  /** Presentation mode (`present=1`), for a projector. */
  onPresent?: () => void;
}

/** The page's title and its actions: lessons, experiments, share, compare, help. */
export function AppHeader(props: AppHeaderProps) {
  const { config, view, hidden } = props;
  return (
    <header className="app-header">
      <div>
        <h1>GAN Playground</h1>
        <p className="tagline">
          Watch a generator learn to imitate data, live, while a discriminator tells it how.
        </p>
      </div>
      <nav className="header-actions" aria-label="Playground">
        {!hidden('lessons') && <LessonGallery current={view.preset} />}
        <ExperimentsPanel
          config={config}
          view={view}
          snapshot={props.snapshot}
          latestRun={props.latestRun}
          onOpen={props.onOpenExperiment}
        />
        {!hidden('share') && (
          <>
            <ShareMenu
              config={config}
              preset={view.preset}
              points={props.points}
              generator={props.generator}
              onImport={props.onImport}
            />
            <CopyLinkButton />
          </>
        )}
        <button
          type="button"
          aria-pressed={view.compare !== null}
          className="toggle-button"
          data-testid="compare-button"
          title="Train a second run with some settings changed, side by side with this one"
          onClick={props.onCompare}
        >
          Compare
        </button>
        {props.onPresent !== undefined && <PresentationButton onPresent={props.onPresent} />}
        <button
          type="button"
          onClick={() => props.help.current?.open()}
          aria-label="Help and keyboard shortcuts"
          title="Help and keyboard shortcuts (?)"
        >
          ?
        </button>
      </nav>
    </header>
  );
}

/** The same page without `embed=1`: the embed's way out to the full playground. */
function fullPageLink(): string {
  const url = new URL(window.location.href);
  url.hash = url.hash
    .replace(/(^#|&)embed=[^&]*/i, '$1')
    .replace(/&&+/g, '&')
    .replace(/&$/, '');
  return url.href;
}
