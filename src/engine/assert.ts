/** Argument checks shared by the engine's constructors; each throws a message naming `what`. */

export function assertPositiveInteger(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${what} must be a positive integer, got ${value}`);
  }
}

export function assertPositiveFinite(value: number, what: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${what} must be a positive finite number, got ${value}`);
  }
}

export function assertNonNegativeFinite(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${what} must be a non-negative finite number, got ${value}`);
  }
}

export function assertUnitInterval(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new Error(`${what} must lie in [0, 1), got ${value}`);
  }
}
