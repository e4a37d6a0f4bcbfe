/**
 * Scrolls a chart card into view, moves keyboard focus to it and flashes its outline, so the eye
 * finds it (no smooth scrolling for those who asked the system for reduced motion).
 */
export function focusView(view: string): void {
  const card = document.getElementById(`view-${view}`);
  if (card === null) return;
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  card.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'center' });
  card.focus({ preventScroll: true });
  card.classList.remove('focused');
  // Restart the animation when the same card is focused twice in a row.
  void card.offsetWidth;
  card.classList.add('focused');
}
