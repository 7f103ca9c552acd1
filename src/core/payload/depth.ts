import { appendPointer } from './jsonPointer';
import type { PayloadFinding } from './types';

/**
 * Deeper than any PowerSchool payload (a student body is about six levels): past it a body is
 * reported once and not checked further, since the schema checks and their messages recurse.
 */
export const maxPayloadDepth = 128;

export function depthMessage(maxDepth: number): string {
  return `nested deeper than ${maxDepth} levels: not a PowerSchool payload, not checked further`;
}

/** The one finding of a body too deep to check, at the bracket that goes past the limit. */
export function depthFinding(offset: number): PayloadFinding {
  return { pointer: '', start: offset, end: offset + 1, severity: 'error', code: 'json-depth', message: depthMessage(maxPayloadDepth) };
}

/**
 * The offset of the first `[` or `{` that opens a level past `maxDepth`, or undefined when the
 * text stays within it. One pass over the text, strings skipped, parsed or not.
 */
export function tooDeepOffset(text: string, maxDepth: number = maxPayloadDepth): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > maxDepth) return i;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** The JSON pointer of the first value past `maxDepth` levels of an already parsed body; a walk without recursion. */
export function tooDeepPointer(value: unknown, maxDepth: number = maxPayloadDepth): string | undefined {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, pointer, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > maxDepth) return pointer;
    for (const [key, child] of Object.entries(current)) stack.push({ value: child, pointer: appendPointer(pointer, Array.isArray(current) ? Number(key) : key), depth: depth + 1 });
  }
  return undefined;
}
