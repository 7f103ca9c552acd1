import { createRandom, type Random } from './data/random';

/**
 * Faults a sandbox injects so clients can be tested against a misbehaving server.
 * Triggers: `every` = the Nth, 2Nth, … /ws request; `rate` = that share of /ws requests,
 * drawn from a PRNG seeded with the sandbox seed (same seed, same sequence of failures).
 */
export type Fault =
  | { readonly kind: 'latency'; readonly ms: number; readonly jitter?: number }
  | { readonly kind: 'expire'; readonly after: number }
  | { readonly kind: 'status'; readonly status: 429 | 500 | 503; readonly every?: number; readonly rate?: number; readonly retryAfter?: number }
  | { readonly kind: 'malformed'; readonly every?: number; readonly rate?: number };

export const faultSpecHelp = [
  'latency:ms=200[,jitter=50]      delay every response by ms (± jitter ms)',
  'expire:after=60                 tokens expire after 60 s (expires_in says so)',
  '429:every=5[,retry-after=1]     every 5th /ws request gets 429 with Retry-After',
  '500:rate=0.1 | 503:every=7      a share (or every Nth) of /ws requests fail',
  'malformed:every=4 | :rate=0.1   the body is cut short (invalid JSON, status 200)',
].join('\n');

type ParseResult = { fault: Fault } | { error: string };

function numberParam(params: Map<string, string>, name: string, spec: string, check: (n: number) => boolean, expected: string): number | string | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) return `fault '${spec}': ${name} must be ${expected}, got '${raw}'`;
  return value;
}

/** Parses one `--fault` SPEC: `KIND[:key=value,...]` (see faultSpecHelp). Never throws. */
export function parseFaultSpec(spec: string): ParseResult {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(':');
  const kind = (colon < 0 ? trimmed : trimmed.slice(0, colon)).toLowerCase();
  const params = new Map<string, string>();
  const rest = colon < 0 ? '' : trimmed.slice(colon + 1);
  for (const part of rest.split(',').map((item) => item.trim()).filter(Boolean)) {
    const equals = part.indexOf('=');
    if (equals < 0) {
      // A bare number is the main parameter: latency:200, expire:60, 429:5, 500:0.1
      params.set('', part);
      continue;
    }
    params.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
  }
  const known: Record<string, string[]> = { latency: ['ms', 'jitter', ''], expire: ['after', ''], malformed: ['every', 'rate', ''], '429': ['every', 'rate', 'retry-after', ''], '500': ['every', 'rate', 'retry-after', ''], '503': ['every', 'rate', 'retry-after', ''] };
  const allowed = known[kind];
  if (!allowed) return { error: `unknown fault '${kind}' in '${spec}' (expected latency, expire, 429, 500, 503 or malformed)` };
  for (const key of params.keys()) {
    if (!allowed.includes(key)) return { error: `fault '${spec}': unknown parameter '${key}' (allowed: ${allowed.filter(Boolean).join(', ')})` };
  }
  const positive = (n: number) => n > 0;
  const wholePositive = (n: number) => Number.isInteger(n) && n > 0;
  const share = (n: number) => n >= 0 && n <= 1;
  const read = (name: string, check: (n: number) => boolean, expected: string) => numberParam(params, name, spec, check, expected);
  const firstError = (...values: (number | string | undefined)[]) => values.find((value): value is string => typeof value === 'string');

  if (kind === 'latency') {
    const ms = read(params.has('ms') ? 'ms' : '', (n) => n >= 0, 'a number of milliseconds ≥ 0');
    const jitter = read('jitter', (n) => n >= 0, 'a number of milliseconds ≥ 0');
    const error = firstError(ms, jitter);
    if (error) return { error };
    if (ms === undefined) return { error: `fault '${spec}': latency needs ms=N` };
    return { fault: { kind: 'latency', ms: ms as number, jitter: jitter as number | undefined } };
  }
  if (kind === 'expire') {
    const after = read(params.has('after') ? 'after' : '', positive, 'a number of seconds > 0');
    if (typeof after === 'string') return { error: after };
    if (after === undefined) return { error: `fault '${spec}': expire needs after=SECONDS` };
    return { fault: { kind: 'expire', after } };
  }
  const every = read('every', wholePositive, 'a whole number > 0');
  const rate = read('rate', share, 'a share between 0 and 1');
  const retryAfter = read('retry-after', (n) => Number.isInteger(n) && n >= 0, 'a whole number of seconds ≥ 0');
  const bare = params.get('');
  let bareEvery: number | undefined;
  let bareRate: number | undefined;
  if (bare !== undefined) {
    const value = Number(bare);
    if (!Number.isFinite(value) || value <= 0) return { error: `fault '${spec}': '${bare}' is neither a count (every) nor a share (rate)` };
    if (value < 1) bareRate = value;
    else if (Number.isInteger(value)) bareEvery = value;
    else return { error: `fault '${spec}': '${bare}' is neither a count (every) nor a share (rate)` };
  }
  const error = firstError(every, rate, retryAfter);
  if (error) return { error };
  const trigger = { every: (every as number | undefined) ?? bareEvery, rate: (rate as number | undefined) ?? bareRate };
  if (trigger.every === undefined && trigger.rate === undefined) return { error: `fault '${spec}': say when, with every=N or rate=0.1` };
  if (kind === 'malformed') return { fault: { kind: 'malformed', ...trigger } };
  return { fault: { kind: 'status', status: Number(kind) as 429 | 500 | 503, ...trigger, retryAfter: retryAfter as number | undefined ?? (kind === '429' ? 1 : undefined) } };
}

/** Normalises options: strings are parsed, objects checked; the first bad one throws with its message. */
export function resolveFaults(faults: readonly (string | Fault)[]): Fault[] {
  return faults.map((fault) => {
    if (typeof fault !== 'string') return fault;
    const parsed = parseFaultSpec(fault);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed.fault;
  });
}

export type FaultOutcome =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: number }
  | { readonly kind: 'malformed' }
  | undefined;

/** Decides, per /ws request, which fault (if any) fires; deterministic for a given seed and request order. */
export class FaultInjector {
  private calls = 0;
  private readonly random: Random;

  constructor(private readonly faults: readonly Fault[], seed: number) {
    this.random = createRandom(seed ^ 0x5eed);
  }

  /** Milliseconds to wait before answering (any request). */
  delay(baseLatencyMs: number): number {
    let total = baseLatencyMs;
    for (const fault of this.faults) {
      if (fault.kind !== 'latency') continue;
      const jitter = fault.jitter ? (this.random.next() * 2 - 1) * fault.jitter : 0;
      total += Math.max(0, fault.ms + jitter);
    }
    return Math.max(0, Math.round(total));
  }

  tokenLifetimeSeconds(): number | undefined {
    const expire = this.faults.find((fault): fault is Extract<Fault, { kind: 'expire' }> => fault.kind === 'expire');
    return expire?.after;
  }

  /** Counts one /ws request and returns the fault to apply to it. */
  next(): FaultOutcome {
    this.calls++;
    for (const fault of this.faults) {
      if (fault.kind !== 'status' && fault.kind !== 'malformed') continue;
      const fires = (fault.every !== undefined && this.calls % fault.every === 0) || (fault.rate !== undefined && this.random.next() < fault.rate);
      if (!fires) continue;
      return fault.kind === 'malformed' ? { kind: 'malformed' } : { kind: 'status', status: fault.status, retryAfter: fault.retryAfter };
    }
    return undefined;
  }
}
