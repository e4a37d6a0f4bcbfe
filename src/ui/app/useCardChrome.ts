import { type RefObject, useEffect, useRef, useState } from 'react';

/**
 * The height of the main plot's card minus its plot: the title row and the padding, which wrap
 * and grow as the card narrows. Measured (ResizeObserver) so that the plot can take the rest of
 * the height a layout gives it (an embed's frame, a presentation's screen). `initial` is the
 * guess used until the first measurement.
 */
export function useCardChrome(initial: number): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [chrome, setChrome] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const measure = (): void => {
      const card = element.querySelector<HTMLElement>('.chart-card');
      const plot = card?.querySelector<HTMLElement>('.chart-body');
      if (card == null || plot == null) return;
      const next = Math.ceil(card.offsetHeight - plot.offsetHeight);
      setChrome((previous) => (Math.abs(previous - next) <= 1 ? previous : next));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    const header = element.querySelector('.chart-header');
    if (header !== null) observer.observe(header);
    measure();
    return () => observer.disconnect();
  }, []);
  return [ref, chrome];
}
