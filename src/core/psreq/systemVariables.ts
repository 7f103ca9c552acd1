// REST Client's system variables ({{$guid}}, {{$timestamp}}, {{$datetime}}, …) plus {{$date}},
// which gives PowerSchool's YYYY-MM-DD by default. Formats and offsets follow moment.js, which
// REST Client uses: `{{$datetime "DD MMM YYYY" -1 M}}` here gives what it gives there.

export interface Clock {
  readonly now: () => Date;
  readonly randomUuid: () => string;
  /** A whole number in [min, max): max is excluded, as in REST Client. */
  readonly randomInt: (min: number, max: number) => number;
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  /** Connection/environment variables, for `{{$processEnv %name}}` (the process variable named by `name`). */
  readonly environment?: (name: string) => string | undefined;
  /** The `.env` files' values for `{{$dotenv NAME}}`; undefined where none were read. */
  readonly dotenv?: Readonly<Record<string, string>>;
}

type Result = { value: string } | { error: string };

const fixedUnitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const monthsPerUnit: Record<string, number> = { y: 12, Q: 3, M: 1 };
const daysPerUnit: Record<string, number> = { w: 7, d: 1 };
const offsetHelp = "an offset reads 'NUMBER UNIT', e.g. -1 d (units y Q M w d h m s ms)";

/** Date parts read and written in local time or in UTC. */
function calendar(local: boolean) {
  return local
    ? { year: (d: Date) => d.getFullYear(), month: (d: Date) => d.getMonth(), day: (d: Date) => d.getDate(), set: (d: Date, y: number, m: number, day: number) => d.setFullYear(y, m, day) }
    : { year: (d: Date) => d.getUTCFullYear(), month: (d: Date) => d.getUTCMonth(), day: (d: Date) => d.getUTCDate(), set: (d: Date, y: number, m: number, day: number) => d.setUTCFullYear(y, m, day) };
}

/**
 * Applies `amount unit` (e.g. `-1 d`, `3 M`) as moment's `add` does: months, quarters and years
 * keep the day of the month but never run past the end of a shorter month (Jan 31 + 1 M is Feb 28);
 * days and weeks move the calendar date (local time keeps its clock time across DST changes).
 */
function shift(date: Date, amount: string | undefined, unit: string | undefined, local: boolean): Date | string {
  if (amount === undefined) return date;
  if (!/^[+-]?\d+$/.test(amount) || unit === undefined) return offsetHelp;
  const n = Number(amount);
  const shifted = new Date(date.getTime());
  const parts = calendar(local);
  if (monthsPerUnit[unit] !== undefined) {
    const months = parts.year(date) * 12 + parts.month(date) + n * monthsPerUnit[unit];
    const year = Math.floor(months / 12);
    const month = months - year * 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    parts.set(shifted, year, month, Math.min(parts.day(date), lastDay));
  } else if (daysPerUnit[unit] !== undefined) {
    parts.set(shifted, parts.year(date), parts.month(date), parts.day(date) + n * daysPerUnit[unit]);
  } else if (fixedUnitMs[unit] !== undefined) {
    shifted.setTime(shifted.getTime() + n * fixedUnitMs[unit]);
  } else {
    return `unknown unit '${unit}' (y Q M w d h m s ms)`;
  }
  return shifted;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function offsetText(minutes: number, separator: string): string {
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

// moment's format tokens (English); `[text]` is copied as is. Longer tokens first.
const formatToken = /\[([^\]]*)\]|YYYY|YY|Q|MMMM|MMM|MM|M|Do|DDDD|DDD|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|SS|S|A|a|ZZ|Z|X|x/g;

/** Formats with moment.js tokens (YYYY, MM, DD, HH, mm, ss, SSS, MMM, ddd, Do, h, A, Z, X, …); local time when `local`. */
export function formatDate(date: Date, format: string, local = false): string {
  const year = local ? date.getFullYear() : date.getUTCFullYear();
  const month = local ? date.getMonth() : date.getUTCMonth();
  const day = local ? date.getDate() : date.getUTCDate();
  const weekday = local ? date.getDay() : date.getUTCDay();
  const hours = local ? date.getHours() : date.getUTCHours();
  const minutes = local ? date.getMinutes() : date.getUTCMinutes();
  const seconds = local ? date.getSeconds() : date.getUTCSeconds();
  const millis = local ? date.getMilliseconds() : date.getUTCMilliseconds();
  const offset = local ? -date.getTimezoneOffset() : 0;
  const dayOfYear = Math.round((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  const hours12 = hours % 12 === 0 ? 12 : hours % 12;
  return format.replace(formatToken, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY': return pad(year, 4);
      case 'YY': return pad(year % 100);
      case 'Q': return String(Math.floor(month / 3) + 1);
      case 'MMMM': return monthNames[month]!;
      case 'MMM': return monthNames[month]!.slice(0, 3);
      case 'MM': return pad(month + 1);
      case 'M': return String(month + 1);
      case 'Do': return ordinal(day);
      case 'DDDD': return pad(dayOfYear, 3);
      case 'DDD': return String(dayOfYear);
      case 'DD': return pad(day);
      case 'D': return String(day);
      case 'dddd': return dayNames[weekday]!;
      case 'ddd': return dayNames[weekday]!.slice(0, 3);
      case 'dd': return dayNames[weekday]!.slice(0, 2);
      case 'd': return String(weekday);
      case 'HH': return pad(hours);
      case 'H': return String(hours);
      case 'hh': return pad(hours12);
      case 'h': return String(hours12);
      case 'mm': return pad(minutes);
      case 'm': return String(minutes);
      case 'ss': return pad(seconds);
      case 's': return String(seconds);
      case 'SSS': return pad(millis, 3);
      case 'SS': return pad(Math.floor(millis / 10));
      case 'S': return String(Math.floor(millis / 100));
      case 'A': return hours < 12 ? 'AM' : 'PM';
      case 'a': return hours < 12 ? 'am' : 'pm';
      case 'ZZ': return offsetText(offset, '');
      case 'Z': return offsetText(offset, ':');
      case 'X': return String(Math.floor(date.getTime() / 1000));
      default: return String(date.getTime()); // 'x'
    }
  });
}

/** Splits `$datetime "YYYY MM" -1 d` into words, keeping quoted parts together. */
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

function dateVariable(args: string[], clock: Clock, defaultFormat: string, local: boolean): Result {
  const [format = defaultFormat, amount, unit] = args;
  const date = shift(clock.now(), amount, unit, local);
  if (typeof date === 'string') return { error: date };
  // moment's toISOString(true) and REST Client's local rfc1123 pattern.
  if (format === 'iso8601') return { value: local ? formatDate(date, 'YYYY-MM-DDTHH:mm:ss.SSSZ', true) : date.toISOString() };
  if (format === 'rfc1123') return { value: local ? formatDate(date, 'ddd, DD MMM YYYY HH:mm:ss ZZ', true) : date.toUTCString() };
  return { value: formatDate(date, format, local) };
}

export const systemVariableNames = ['$guid', '$randomInt', '$timestamp', '$datetime', '$localDatetime', '$date', '$processEnv', '$dotenv'] as const;

/** REST Client system variables this tool deliberately does not provide, with what to use instead. */
export const unsupportedSystemVariables: Readonly<Record<string, (args: string[]) => string>> = {
  $aadToken: () => '{{$aadToken}} (Azure AD) is not supported in .psreq: the active PowerSchool connection supplies the token',
  $aadV2Token: () => '{{$aadV2Token}} (Azure AD) is not supported in .psreq: the active PowerSchool connection supplies the token',
  $oidcAccessToken: () => '{{$oidcAccessToken}} is not supported in .psreq: the active PowerSchool connection supplies the token',
};

/** The value of `{{$…}}`, or why there is none. */
export function systemVariable(expression: string, clock: Clock): Result {
  const [name = '', ...args] = words(expression);
  switch (name) {
    case '$guid':
    case '$uuid':
      return { value: clock.randomUuid() };
    case '$randomInt': {
      const [min, max] = args.map((arg) => (/^[+-]?\d+$/.test(arg) ? Number(arg) : NaN));
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max! <= min!) {
        return { error: `{{$randomInt MIN MAX}} needs two whole numbers with MIN < MAX (between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}); MAX is excluded` };
      }
      return { value: String(clock.randomInt(min!, max!)) };
    }
    case '$timestamp': {
      const date = shift(clock.now(), args[0], args[1], false);
      return typeof date === 'string' ? { error: date } : { value: String(Math.floor(date.getTime() / 1000)) };
    }
    case '$datetime':
      if (args.length === 0) return { error: '{{$datetime}} needs a format: iso8601, rfc1123 or "YYYY-MM-DD HH:mm:ss"' };
      return dateVariable(args, clock, 'iso8601', false);
    case '$localDatetime':
      if (args.length === 0) return { error: '{{$localDatetime}} needs a format: iso8601, rfc1123 or "YYYY-MM-DD HH:mm:ss"' };
      return dateVariable(args, clock, 'iso8601', true);
    case '$date':
      return dateVariable(args, clock, 'YYYY-MM-DD', true);
    case '$processEnv':
      return processEnv(args[0], clock);
    case '$dotenv': {
      const [variable] = args;
      if (!variable) return { error: '{{$dotenv NAME}} needs the name of a variable in a .env file' };
      const value = clock.dotenv?.[variable];
      return value === undefined ? { error: `${variable} is not in a .env file next to this file or at the workspace root` } : { value };
    }
    default: {
      const unsupported = unsupportedSystemVariables[name];
      if (unsupported) return { error: unsupported(args) };
      return { error: `unknown system variable '${name}' (${systemVariableNames.join(', ')})` };
    }
  }
}

/** `$processEnv NAME`, or `$processEnv %var`: the process variable whose name the environment variable `var` holds. */
function processEnv(argument: string | undefined, clock: Clock): Result {
  if (!argument || argument === '%') return { error: '{{$processEnv NAME}} needs the name of an environment variable' };
  let variable = argument;
  if (argument.startsWith('%')) {
    const indirect = argument.slice(1);
    const named = clock.environment?.(indirect);
    if (named === undefined) return { error: `{{$processEnv %${indirect}}} reads the process variable named by the variable '${indirect}', which is not defined` };
    variable = named;
  }
  const value = clock.processEnv[variable];
  return value === undefined ? { error: `the environment variable ${variable} is not set` } : { value };
}
