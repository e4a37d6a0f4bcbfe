import { describe, expect, it } from 'vitest';
import { ACK_TIMEOUT_MS, MAX_ACK_TIMEOUT_MS, SnapshotGate } from '../../src/worker/backpressure';

describe('SnapshotGate: one snapshot in flight at a time', () => {
  it('lets the first snapshot go, then waits until the page has drawn it', () => {
    const gate = new SnapshotGate();
    expect(gate.ready(0)).toBe(true);
    const first = gate.sent(0);
    // The loop keeps training: every turn it asks, and is told to wait.
    expect(gate.ready(100)).toBe(false);
    expect(gate.ready(ACK_TIMEOUT_MS - 1)).toBe(false);
    gate.drawn(first);
    expect(gate.ready(ACK_TIMEOUT_MS - 1)).toBe(true);
  });

  it('numbers snapshots in order, and only the awaited one releases the next', () => {
    const gate = new SnapshotGate();
    const first = gate.sent(0);
    // A pause or a step sends one more while the first is still unanswered.
    const second = gate.sent(10);
    expect(second).toBe(first + 1);
    gate.drawn(first);
    expect(gate.ready(20)).toBe(false);
    // An acknowledgement of a snapshot never sent changes nothing.
    gate.drawn(second + 5);
    expect(gate.ready(20)).toBe(false);
    gate.drawn(second);
    expect(gate.ready(20)).toBe(true);
    // A late duplicate is harmless.
    gate.drawn(second);
    expect(gate.ready(20)).toBe(true);
  });

  it('never stalls on a lost acknowledgement: the next snapshot goes after a timeout', () => {
    const gate = new SnapshotGate();
    gate.sent(0);
    expect(gate.ready(ACK_TIMEOUT_MS)).toBe(true);
  });

  it('waits longer after each lost acknowledgement (a hidden page), up to a bound', () => {
    const gate = new SnapshotGate();
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      gate.sent(now);
      waits.push(gate.waitMs);
      while (!gate.ready(now)) now += 50;
    }
    expect(waits[0]).toBe(ACK_TIMEOUT_MS);
    expect(waits[1]).toBe(2 * ACK_TIMEOUT_MS);
    expect(Math.max(...waits)).toBe(MAX_ACK_TIMEOUT_MS);
    expect(waits.at(-1)).toBe(MAX_ACK_TIMEOUT_MS);
  });

  it('returns to the short wait once the page draws again', () => {
    const gate = new SnapshotGate();
    gate.sent(0);
    gate.sent(ACK_TIMEOUT_MS);
    gate.sent(4 * ACK_TIMEOUT_MS);
    expect(gate.waitMs).toBeGreaterThan(ACK_TIMEOUT_MS);
    const latest = gate.sent(10 * ACK_TIMEOUT_MS);
    gate.drawn(latest);
    expect(gate.waitMs).toBe(ACK_TIMEOUT_MS);
    gate.sent(11 * ACK_TIMEOUT_MS);
    expect(gate.ready(12 * ACK_TIMEOUT_MS - 1)).toBe(false);
    expect(gate.ready(12 * ACK_TIMEOUT_MS)).toBe(true);
  });
});
