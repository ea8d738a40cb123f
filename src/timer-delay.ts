// setTimeout keeps its delay in a signed 32-bit integer: anything longer (about 24.8
// days) or not a number fires after 1 ms. A server-chosen wait (a far X-RateLimit-Reset,
// milliseconds sent where seconds were meant) would then become a retry loop.

/** The longest delay a timer can hold, in ms (2^31 − 1, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `ms` made safe for setTimeout: within [0, MAX_TIMER_MS], 0 for NaN. */
export function timerDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return ms > MAX_TIMER_MS ? MAX_TIMER_MS : ms;
}
