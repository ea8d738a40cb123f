// RFC 9110 §5.6.7 HTTP-date, strictly: the preferred IMF-fixdate and the two obsolete
// forms a recipient must still accept. Date.parse is not used: it reads "-5" as the
// year −5 and "1,5" as a local date, so a garbled Retry-After became "retry now".
// Written small: every client bundle has it (Retry-After may be a date).

// A month is three letters found at a multiple of 3 here (no other capitalised run of
// three letters is in it), its number that index / 3.
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

// The three forms in one pattern; each takes its own branch up to the time, which all share:
//   Sun, 06 Nov 1994 08:49:37 GMT   IMF-fixdate: groups 1-3 (day, month, year)
//   Sunday, 06-Nov-94 08:49:37 GMT  RFC 850:     groups 4-6 (day, month, two-digit year)
//   Sun Nov  6 08:49:37 1994        asctime:     groups 7-8 (month, day), year in group 12
// then the time (groups 9-11), then " GMT" or asctime's year: which one is checked below.
// A month is any capitalised three letters here; MONTHS decides.
const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) ([A-Z][a-z]{2}) (\d{4})|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-([A-Z][a-z]{2})-(\d\d)|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d)) (\d\d):(\d\d):(\d\d) (?:GMT|(\d{4}))$/;

/** An HTTP-date as epoch ms, or undefined when `value` is not one. */
export function parseHttpDate(value: string): number | undefined {
  const m = HTTP_DATE.exec(value);
  // asctime (its month in group 7) ends in its year, never in GMT; the other two forms end in GMT, never in a year.
  if (!m || !m[7] !== !m[12]) return undefined;
  const month = (m[2] ?? m[5] ?? m[7]) as string;
  const year = (m[3] ?? m[6] ?? m[12]) as string;
  let y = Number(year);
  // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
  if (year.length === 2) {
    y += 2000;
    if (y > new Date().getUTCFullYear() + 50) y -= 100;
  }
  const mon = MONTHS.indexOf(month);
  const [d, hh, mm, ss] = [m[1] ?? m[4] ?? m[8], m[9], m[10], m[11]].map(Number) as [number, number, number, number];
  if (mon < 0 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60) return undefined;
  return Date.UTC(y, mon / 3, d, hh, mm, Math.min(ss, 59));
}
