import { Component, type ErrorInfo, type ReactNode } from 'react';

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
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
        <button
          type="button"
          onClick={() => {
            window.location.hash = '';
            window.location.reload();
          }}
        >
          Reload with default settings
        </button>
      </div>
    );
  }
}
