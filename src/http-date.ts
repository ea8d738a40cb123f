// RFC 9110 §5.6.7 HTTP-date, strictly: the preferred IMF-fixdate and the two obsolete
// forms a recipient must still accept. Date.parse is not used: it reads "-5" as the
// year −5 and "1,5" as a local date, so a garbled Retry-After became "retry now".

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
// Sun Nov  6 08:49:37 1994
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

function utc(year: number, month: string, day: string, h: string, m: string, s: string): number | undefined {
  const [d, hh, mm, ss] = [Number(day), Number(h), Number(m), Number(s)];
  if (d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60) return undefined;
  return Date.UTC(year, MONTHS.indexOf(month), d, hh, mm, Math.min(ss, 59));
}

/** An HTTP-date as epoch ms, or undefined when `value` is not one. */
export function parseHttpDate(value: string): number | undefined {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(Number(m[3]), m[2] as string, m[1] as string, m[4] as string, m[5] as string, m[6] as string);
  m = RFC850.exec(value);
  if (m) {
    // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
    const yy = Number(m[3]);
    const thisYear = new Date().getUTCFullYear();
    let year = 2000 + yy;
    if (year > thisYear + 50) year -= 100;
    return utc(year, m[2] as string, m[1] as string, m[4] as string, m[5] as string, m[6] as string);
  }
  m = ASCTIME.exec(value);
  if (m)
    return utc(Number(m[6]), m[1] as string, (m[2] as string).trim(), m[3] as string, m[4] as string, m[5] as string);
  return undefined;
}
