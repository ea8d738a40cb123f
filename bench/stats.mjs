// Small statistics over rounds: median and range.

/** Median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** { median, min, max } of numbers. */
export function summarize(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/**
 * Per-contender summaries over rounds of `{ scenario: { contender: value } }`, with
 * each value's ratio to `floor` from the same round.
 */
export function byRound(rounds, floor) {
  const out = {};
  for (const scenario of Object.keys(rounds[0])) {
    out[scenario] = {};
    for (const name of Object.keys(rounds[0][scenario])) {
      out[scenario][name] = {
        value: summarize(rounds.map((r) => r[scenario][name])),
        ratio: summarize(rounds.map((r) => r[scenario][name] / r[scenario][floor])),
      };
    }
  }
  return out;
}
