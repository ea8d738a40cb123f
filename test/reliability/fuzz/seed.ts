// Every property of the fuzz suite runs seeded: CHIRP_FUZZ_SEED replays a run exactly;
// without it a fresh seed is drawn, and a failure names it with the command to replay.
import fc from "fast-check";

const fromEnv = process.env.CHIRP_FUZZ_SEED;

/** The seed of this run: CHIRP_FUZZ_SEED when set, else a fresh one. */
export const FUZZ_SEED =
  fromEnv !== undefined && fromEnv !== "" ? Number(fromEnv) : (Date.now() ^ (Math.random() * 2 ** 31)) | 0;

/** Checks `property` over `numRuns` generated cases with this run's seed; a failure names the seed. */
export async function check<T>(property: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>, numRuns: number) {
  try {
    await fc.assert(property as fc.IAsyncPropertyWithHooks<T>, { seed: FUZZ_SEED, numRuns, endOnFailure: false });
  } catch (error) {
    const replay = `replay with CHIRP_FUZZ_SEED=${FUZZ_SEED}`;
    if (error instanceof Error) error.message = `${error.message}\n${replay}`;
    throw error;
  }
}
