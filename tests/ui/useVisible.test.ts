import { describe, expect, it } from 'vitest';
import { MAX_STALE_MS, SightGate, STAGGER_MS } from '../../src/ui/useVisible';

describe('SightGate: views out of sight do not redraw', () => {
  it('draws every update while the view is in sight', () => {
    const gate = new SightGate();
    const decisions = [100, 200, 300].map((now) => gate.decide(true, 0, now));
    expect(decisions).toEqual(['draw', 'draw', 'draw']);
    expect(gate.draws).toBe(3);
  });

  it('draws once at first, then keeps its drawing while out of sight', () => {
    const gate = new SightGate();
    expect(gate.decide(false, 0, 0)).toBe('draw');
    const skipped = Array.from({ length: 20 }, (_, i) => gate.decide(false, 0, 100 * (i + 1)));
    expect(new Set(skipped)).toEqual(new Set(['keep']));
    expect(gate.draws).toBe(1);
  });

  it('catches up once when its catch-up timer expires, then keeps again', () => {
    const gate = new SightGate();
    gate.decide(true, 0, 0);
    expect(gate.decide(false, 0, 100)).toBe('keep');
    expect(gate.decide(false, 0, 200)).toBe('keep');
    // The timer restarted by those skipped updates expired: one drawing of the latest state.
    expect(gate.decide(false, 1, 900)).toBe('draw');
    expect(gate.decide(false, 1, 1000)).toBe('keep');
    expect(gate.draws).toBe(2);
  });

  it('catches up a fixed time after the first update it skipped, however many follow', () => {
    const gate = new SightGate(0.5);
    gate.decide(true, 0, 0);
    gate.decide(false, 0, 100);
    const deadline = 100 + MAX_STALE_MS + 0.5 * STAGGER_MS;
    expect(gate.catchUpMs(100)).toBe(deadline - 100);
    // Updates keep coming ten times a second: the deadline does not move.
    gate.decide(false, 0, 200);
    expect(gate.catchUpMs(200)).toBe(deadline - 200);
    expect(gate.catchUpMs(deadline + 50)).toBe(0);
    // Drawn: the next deadline counts from the next skipped update.
    gate.decide(false, 1, deadline);
    gate.decide(false, 1, deadline + 100);
    expect(gate.catchUpMs(deadline + 100)).toBe(MAX_STALE_MS + 0.5 * STAGGER_MS);
  });

  it('draws the latest state at once when the view comes into sight', () => {
    const gate = new SightGate();
    gate.decide(true, 0, 0);
    gate.decide(false, 0, 100);
    gate.decide(false, 0, 200);
    expect(gate.decide(true, 0, 300)).toBe('draw');
    expect(gate.draws).toBe(2);
  });
});
