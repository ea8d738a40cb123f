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

/** Whether `a` runs before `b`: earlier time first, then the order they were scheduled in. */
const before = (a: Task, b: Task) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

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
    const heap = this.#tasks;
    heap.push({ at: this.#now + Math.max(0, delayMs), seq: this.#seq++, run });
    // Sift up: the tasks are a binary min-heap on (at, seq), so each step costs log n.
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest task due by `limit` (ties in scheduling order), taken off the heap; or undefined. */
  #next(limit: number): Task | undefined {
    const heap = this.#tasks;
    const top = heap[0];
    if (!top || top.at > limit) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      // Sift down.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
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
