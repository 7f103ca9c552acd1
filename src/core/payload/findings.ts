import { byRange } from '../text';
import { parsePointer, toPointer } from './jsonPointer';
import type { LocatedIssue } from './issue';
import { locatePointers, type LocateOptions, type NodeLocation } from './locate';
import type { FixIntent, PayloadFinding, PayloadFix, TextEdit } from './types';

function rangeOf(issue: LocatedIssue, location: NodeLocation): { start: number; end: number } {
  const hasKey = location.keyStart !== undefined && location.keyEnd !== undefined;
  if (issue.highlight === 'value') return { start: location.valueStart, end: location.valueEnd };
  if (hasKey) return { start: location.keyStart!, end: location.keyEnd! };
  if (issue.highlight === 'container') return { start: location.valueStart, end: location.valueStart + 1 };
  return { start: location.valueStart, end: location.valueEnd };
}

export function editsFor(intent: FixIntent, location: NodeLocation, text: string): TextEdit[] | undefined {
  switch (intent.kind) {
    case 'remove-property':
      if (location.removeStart === undefined || location.removeEnd === undefined) return undefined;
      return [{ start: location.removeStart, end: location.removeEnd, newText: '' }];
    case 'replace-value':
      return [{ start: location.valueStart, end: location.valueEnd, newText: JSON.stringify(intent.value) }];
    case 'insert-property': {
      if (text.charCodeAt(location.valueStart) !== 0x7b) return undefined;
      const member = `${JSON.stringify(intent.name)}: ${JSON.stringify(intent.value)}`;
      if (location.firstKeyStart === undefined) return [{ start: location.valueStart + 1, end: location.valueStart + 1, newText: member }];
      // Repeat the whitespace between `{` and the first key so the new member lines up with it.
      const separator = text.slice(location.valueStart + 1, location.firstKeyStart) || ' ';
      return [{ start: location.firstKeyStart, end: location.firstKeyStart, newText: `${member},${separator}` }];
    }
  }
}

/** The nearest pointer that exists (a finding about a missing node falls back to its parent). */
function fallbackPointers(pointer: string): string[] {
  const segments = parsePointer(pointer);
  const result: string[] = [];
  for (let length = segments.length - 1; length >= 0; length--) result.push(toPointer(segments.slice(0, length)));
  return result;
}

/**
 * Gives each issue its exact range in `text` (valid JSON) and turns fix intents into edits.
 * With `options.from`, pointers are relative to the value that starts there.
 */
export function toFindings(text: string, issues: readonly LocatedIssue[], options: LocateOptions = {}): PayloadFinding[] {
  return locateIssues(text, issues, options)
    .map(({ issue, location }) => findingOf(issue, location, text))
    .sort(byRange);
}

/** Each issue with the place of its node (or of the nearest existing parent, for something missing). */
export function locateIssues(text: string, issues: readonly LocatedIssue[], options: LocateOptions = {}): { issue: LocatedIssue; location: NodeLocation }[] {
  if (issues.length === 0) return [];
  const locations = locatePointers(text, new Set(issues.map((issue) => issue.pointer)), options);
  const missing = issues.filter((issue) => !locations.has(issue.pointer));
  if (missing.length) {
    const extra = locatePointers(text, new Set(missing.flatMap((issue) => fallbackPointers(issue.pointer))), options);
    for (const issue of missing) {
      const found = fallbackPointers(issue.pointer).find((pointer) => extra.has(pointer));
      if (found !== undefined) locations.set(issue.pointer, { ...extra.get(found)!, removeStart: undefined, removeEnd: undefined });
    }
  }
  return issues.map((issue) => ({ issue, location: locations.get(issue.pointer) ?? { valueStart: 0, valueEnd: Math.min(1, text.length) } }));
}

export function findingOf(issue: LocatedIssue, location: NodeLocation, text: string): PayloadFinding {
  const { start, end } = rangeOf(issue, location);
  const fixes: PayloadFix[] = [];
  for (const intent of issue.fixes ?? []) {
    const edits = editsFor(intent, location, text);
    if (edits) fixes.push({ title: intent.title, edits });
  }
  return {
    pointer: issue.pointer, start, end, severity: issue.severity, code: issue.code, message: issue.message,
    ...(fixes.length ? { fixes } : {}),
  };
}

/** A finding moved by `offset` (its fixes' edits too), its pointer under `pointerPrefix`. */
export function placed(finding: PayloadFinding, offset: number, pointerPrefix = ''): PayloadFinding {
  if (offset === 0 && pointerPrefix === '') return finding;
  return {
    ...finding,
    pointer: pointerPrefix + finding.pointer,
    start: finding.start + offset,
    end: finding.end + offset,
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, start: edit.start + offset, end: edit.end + offset })) })) } : {}),
  };
}
