// REST Client's system variables ({{$guid}}, {{$timestamp}}, {{$datetime}}, …) plus {{$date}},
// which gives PowerSchool's YYYY-MM-DD by default.

export interface Clock {
  readonly now: () => Date;
  readonly randomUuid: () => string;
  readonly randomInt: (min: number, max: number) => number;
  readonly processEnv: Readonly<Record<string, string | undefined>>;
}

type Result = { value: string } | { error: string };

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Applies `offset unit` (e.g. `-1 d`, `3 M`) to a date. */
function shift(date: Date, amount: string | undefined, unit: string | undefined): Date | string {
  if (amount === undefined) return date;
  if (!/^[+-]?\d+$/.test(amount) || unit === undefined) return `an offset reads 'NUMBER UNIT', e.g. -1 d (units y M w d h m s ms)`;
  const n = Number(amount);
  const shifted = new Date(date.getTime());
  if (unit === 'y') shifted.setUTCFullYear(shifted.getUTCFullYear() + n);
  else if (unit === 'M') shifted.setUTCMonth(shifted.getUTCMonth() + n);
  else if (unitMs[unit] !== undefined) shifted.setTime(shifted.getTime() + n * unitMs[unit]);
  else return `unknown unit '${unit}' (y M w d h m s ms)`;
  return shifted;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Formats with YYYY, YY, MM, DD, HH, mm, ss, SSS tokens (local time when `local`). */
export function formatDate(date: Date, format: string, local = false): string {
  const part = {
    YYYY: local ? date.getFullYear() : date.getUTCFullYear(),
    MM: (local ? date.getMonth() : date.getUTCMonth()) + 1,
    DD: local ? date.getDate() : date.getUTCDate(),
    HH: local ? date.getHours() : date.getUTCHours(),
    mm: local ? date.getMinutes() : date.getUTCMinutes(),
    ss: local ? date.getSeconds() : date.getUTCSeconds(),
    SSS: local ? date.getMilliseconds() : date.getUTCMilliseconds(),
  };
  return format.replace(/YYYY|YY|SSS|MM|DD|HH|mm|ss/g, (token) => {
    if (token === 'YYYY') return pad(part.YYYY, 4);
    if (token === 'YY') return pad(part.YYYY % 100);
    if (token === 'SSS') return pad(part.SSS, 3);
    return pad(part[token as 'MM' | 'DD' | 'HH' | 'mm' | 'ss']);
  });
}

/** Splits `$datetime "YYYY MM" -1 d` into words, keeping quoted parts together. */
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

function dateVariable(args: string[], clock: Clock, defaultFormat: string, local: boolean): Result {
  const [format = defaultFormat, amount, unit] = args;
  const date = shift(clock.now(), amount, unit);
  if (typeof date === 'string') return { error: date };
  if (format === 'iso8601') return { value: local ? formatDate(date, 'YYYY-MM-DDTHH:mm:ss', true) : date.toISOString() };
  if (format === 'rfc1123') return { value: date.toUTCString() };
  return { value: formatDate(date, format, local) };
}

export const systemVariableNames = ['$guid', '$randomInt', '$timestamp', '$datetime', '$localDatetime', '$date', '$processEnv'] as const;

/** The value of `{{$…}}`, or why there is none. */
export function systemVariable(expression: string, clock: Clock): Result {
  const [name, ...args] = words(expression);
  switch (name) {
    case '$guid':
    case '$uuid':
      return { value: clock.randomUuid() };
    case '$randomInt': {
      const [min, max] = args.map(Number);
      if (!Number.isInteger(min) || !Number.isInteger(max) || max <= min) return { error: '{{$randomInt MIN MAX}} needs two whole numbers, MIN < MAX' };
      return { value: String(clock.randomInt(min, max)) };
    }
    case '$timestamp': {
      const date = shift(clock.now(), args[0], args[1]);
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
    case '$processEnv': {
      const variable = args[0]?.replace(/^%/, '');
      if (!variable) return { error: '{{$processEnv NAME}} needs the name of an environment variable' };
      const value = clock.processEnv[variable];
      return value === undefined ? { error: `the environment variable ${variable} is not set` } : { value };
    }
    default:
      return { error: `unknown system variable '${name}' (${systemVariableNames.join(', ')})` };
  }
}
