import { useEffect, useState } from 'react';
import { type BusyState, busyText } from './liveness';

/**
 * The toolbar's progress of a long block in the worker (a big model's iteration on a slow
 * backend), e.g. "iteration in progress · 12 s of ~40 s", updated every second.
 */
export function BusyProgress({ busy }: { busy: BusyState | null }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (busy === null) return;
    setNow(performance.now());
    const timer = window.setInterval(() => setNow(performance.now()), 1000);
    return () => window.clearInterval(timer);
  }, [busy]);
  const text = busy === null ? null : busyText(busy, now);
  if (text === null) return null;
  return (
    <dd>
      <span role="status" data-testid="busy-progress">
        {text}
      </span>
    </dd>
  );
}
