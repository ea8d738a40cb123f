// RFC 9110 §5.6.7 HTTP-date, strictly: the preferred IMF-fixdate and the two obsolete
// forms a recipient must still accept. Date.parse is not used: it reads "-5" as the
// year −5 and "1,5" as a local date, so a garbled Retry-After became "retry now".
// Written small: every client bundle has it (Retry-After may be a date).

// A month is three letters found at a multiple of 3 here (no other capitalised run of
// three letters is in it), its number that index / 3.
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = "([A-Z][a-z]{2})";
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";

// Sun, 06 Nov 1994 08:49:37 GMT and Sunday, 06-Nov-94 08:49:37 GMT: day, month, year, time.
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`);
// Sun Nov  6 08:49:37 1994: month, day, time, year.
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** An HTTP-date as epoch ms, or undefined when `value` is not one. */
export function parseHttpDate(value: string): number | undefined {
  let m = IMF_FIXDATE.exec(value) ?? RFC850.exec(value);
  let parts: string[];
  if (m) parts = m.slice(1);
  else {
    m = ASCTIME.exec(value);
    if (!m) return undefined;
    const [, month, day, h, min, s, year] = m as unknown as string[];
    parts = [day, month, year, h, min, s] as string[];
  }
  const [day, month, year, ...time] = parts as [string, string, string, string, string, string];
  let y = Number(year);
  // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
  if (year.length === 2) {
    y += 2000;
    if (y > new Date().getUTCFullYear() + 50) y -= 100;
  }
  const mon = MONTHS.indexOf(month);
  const [d, hh, mm, ss] = [day, ...time].map(Number) as [number, number, number, number];
  if (mon < 0 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60) return undefined;
  return Date.UTC(y, mon / 3, d, hh, mm, Math.min(ss, 59));
}
