import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ReloadActions } from './offline/ReloadActions';

interface State {
  error: Error | null;
}

/** Last line of defence: a rendering bug shows a message and a way out, never a white page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('GAN Playground hit a rendering error:', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="banner banner-error" role="alert">
        <p>
          Something went wrong while drawing the playground: {this.state.error.message}. Your
          settings are still in the link.
        </p>
        <ReloadActions />
      </div>
    );
  }
}

/** How long a view that failed to draw waits before it tries again (the data will have moved on). */
const VIEW_RETRY_MS = 2000;

/**
 * Around one view: a drawing bug (e.g. numbers a diverged network produced that a chart did not
 * expect) replaces that view with a note and retries shortly, while the rest of the app, the
 * training and the settings carry on.
 */
export class ViewBoundary extends Component<{ name: string; children: ReactNode }, State> {
  override state: State = { error: null };
  private retry: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`The ${this.props.name} view hit a drawing error:`, error, info.componentStack);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.setState({ error: null }), VIEW_RETRY_MS);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.retry);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <p className="placeholder" role="status">
        This view could not be drawn ({this.state.error.message}); trying again shortly.
      </p>
    );
  }
}
