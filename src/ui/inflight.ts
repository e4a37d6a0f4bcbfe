/**
 * Calls into the training worker that are waiting for an answer. A Comlink call to a worker
 * that is terminated never settles, so when the page replaces its worker (a crash, a hang) every
 * call still in flight is rejected with a sentence for the place where the action was taken.
 * They are not replayed on the new worker: it restores the last saved run, up to 2 s older than
 * the one the user acted on (an export would save older weights than the ones shown, a load or a
 * branch would apply to a different run), so the user is asked to try again instead.
 */

/** The sentence of a call dropped by a worker restart, e.g. "the export". */
export function restartedBefore(action: string): string {
  return `The training worker restarted before ${action} finished; try again.`;
}

export class InFlight {
  private readonly pending = new Set<() => void>();

  /** `promise`, or a rejection with restartedBefore(action) if the worker is replaced first. */
  track<T>(promise: Promise<T>, action: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        this.pending.delete(fail);
      };
      const fail = (): void => {
        done();
        reject(new Error(restartedBefore(action)));
      };
      this.pending.add(fail);
      promise.then(
        (value) => {
          done();
          resolve(value);
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  }

  /** Calls waiting now. */
  get size(): number {
    return this.pending.size;
  }

  /** The worker was replaced: every call in flight rejects. */
  abandon(): void {
    const waiting = [...this.pending];
    this.pending.clear();
    for (const fail of waiting) fail();
  }
}
