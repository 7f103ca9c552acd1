// PowerSchool builds /ws/v1 JSON from XML, which leaves confirmed quirks that clients must cope
// with, so the sandbox reproduces them on every /ws/v1 body:
//  - a list with ONE element comes back as that element, not a one-element array;
//  - an empty list or an empty expansion comes back as "";
//  - numeric-looking strings come back as numbers (client_uid "555807" echoes 555807).
// Undocumented detail we chose: text with a leading zero ("050010", a ZIP) or more than 15
// digits stays a string, since turning it into a number would change its value.
// Some values are recorded as strings although they look numeric (lunch balances "0.00",
// `_extension_data` values "1854"; real-server-behaviour.md, /ws/v1 value types): renderers wrap
// those in `verbatim(…)` and they pass through as text.

/** Text that a /ws/v1 body keeps as a string even when it looks like a number. */
export class VerbatimText {
  constructor(readonly text: string) {}
}

export const verbatim = (text: string): VerbatimText => new VerbatimText(text);

const numeric = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

/** Applies the quirks to a whole body; the root object itself is never collapsed to "". */
export function xmlQuirks(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return convert(body);
  return Object.fromEntries(Object.entries(body).filter(([, item]) => item !== undefined).map(([key, item]) => [key, convert(item)]));
}

/**
 * One element of a /ws/v1 list as JSON text, quirks applied: the same text `JSON.stringify` writes
 * for it inside the whole body, so a list can be assembled from (cached) elements.
 */
export function elementJson(element: unknown): string {
  return JSON.stringify(convert(element));
}

/** Only text starting with "-" or a digit can be `numeric`: most text (names, streets) skips the pattern. */
function looksNumeric(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first === 45 || (first >= 48 && first <= 57)) && numeric.test(text);
}

// Called on every value of every rendered record (a page of students is ~15,000 values): the
// checks run in the order values are most often met, and keys are walked without building entries.
function convert(value: unknown): unknown {
  if (typeof value === 'string') return looksNumeric(value) ? Number(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    if (value.length === 1) return convert(value[0]);
    return value.map(convert);
  }
  if (value instanceof VerbatimText) return value.text;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let empty = true;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === undefined || item === null) continue;
    // Attribute text such as "@expansions" is a list of names, never a number.
    const converted = key.charCodeAt(0) === 64 ? item : convert(item);
    out[key] = converted;
    if (converted !== '') empty = false;
  }
  // An element with nothing inside (an expansion without data, {"alert": []}) is "".
  return empty ? '' : out;
}
