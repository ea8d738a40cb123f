// The sandbox's virtual clock. Nothing in the sandbox acts on its own: a lifecycle step,
// a webhook delivery (or its retry) and a delayed answer are tasks on this clock, and
// they run only when the test calls `advance(ms)` or `settle()`. So a test is
// deterministic and never waits for real time.

/** A task due at a virtual time. */
interface Task {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void | Promise<void>;
}

/** Tasks `settle()` runs at most before it gives up: a guard against a task that keeps rescheduling itself. */
export const SETTLE_LIMIT = 10_000;

/** A clock that moves only when told to, and the tasks due on it. */
export class VirtualClock {
  #now: number;
  #seq = 0;
  #tasks: Task[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  /** The virtual time, in epoch ms. */
  now(): number {
    return this.#now;
  }

  /** Tasks not yet run. */
  get pending(): number {
    return this.#tasks.length;
  }

  /** Runs `run` when the clock reaches now + `delayMs` (0: at the next advance/settle). */
  schedule(delayMs: number, run: () => void | Promise<void>): void {
    this.#tasks.push({ at: this.#now + Math.max(0, delayMs), seq: this.#seq++, run });
  }

  #next(limit: number): Task | undefined {
    let best = -1;
    for (let i = 0; i < this.#tasks.length; i++) {
      const t = this.#tasks[i]!;
      if (t.at > limit) continue;
      const b = best >= 0 ? this.#tasks[best]! : undefined;
      if (!b || t.at < b.at || (t.at === b.at && t.seq < b.seq)) best = i;
    }
    return best >= 0 ? this.#tasks.splice(best, 1)[0] : undefined;
  }

  /** Moves the clock `ms` forward, running every task due on the way, in time order. */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms): ms must be a finite number ≥ 0, got ${ms}`);
    const target = this.#now + ms;
    for (let task = this.#next(target); task; task = this.#next(target)) {
      this.#now = Math.max(this.#now, task.at);
      await task.run();
    }
    this.#now = target;
  }

  /** Runs every task, jumping the clock to each one's time, until none is left. */
  async settle(): Promise<void> {
    let runs = 0;
    for (let task = this.#next(Number.POSITIVE_INFINITY); task; task = this.#next(Number.POSITIVE_INFINITY)) {
      if (++runs > SETTLE_LIMIT) throw new Error(`sandbox.settle(): still busy after ${SETTLE_LIMIT} tasks`);
      this.#now = Math.max(this.#now, task.at);
      await task.run();
    }
  }
}
