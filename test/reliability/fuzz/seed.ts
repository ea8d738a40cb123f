// Every property of the fuzz suite runs seeded: CHIRP_FUZZ_SEED replays a run exactly;
// without it a fresh seed is drawn, and a failure names it with the command to replay.
import fc from "fast-check";

const fromEnv = process.env.CHIRP_FUZZ_SEED;

/** The seed of this run: CHIRP_FUZZ_SEED when set, else a fresh one. */
export const FUZZ_SEED =
  fromEnv !== undefined && fromEnv !== "" ? Number(fromEnv) : (Date.now() ^ (Math.random() * 2 ** 31)) | 0;

/**
 * Checks `property` over `numRuns` generated cases with this run's seed; a failure names
 * the seed. Every 100 cases it yields to the event loop: thousands of cases that settle
 * in microtasks alone would otherwise hold the test worker's loop for seconds, and
 * its RPC with the runner with it.
 */
export async function check<T>(property: fc.IAsyncPropertyWithHooks<T>, numRuns: number) {
  let runs = 0;
  const yielding = property.beforeEach(async (previous) => {
    await previous();
    if (++runs % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  });
  try {
    await fc.assert(yielding, { seed: FUZZ_SEED, numRuns, endOnFailure: false });
  } catch (error) {
    const replay = `replay with CHIRP_FUZZ_SEED=${FUZZ_SEED}`;
    if (error instanceof Error) error.message = `${error.message}\n${replay}`;
    throw error;
  }
}
