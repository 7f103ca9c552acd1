import { byRange, lastIndexAtOrBefore, splitLines, type Line } from '../text';
import { finishDocument, blockContext, parseBlockSafely, psreqLines, scanBlocks, validNameOf, type GraphqlFragment } from './parse';
import type { Directive, FileVariable, PsreqDiagnostic, PsreqDocument, PsreqRequest } from './types';

// A .psreq text as the sequence of its request blocks, each parsed on its own with offsets relative
// to its first character. An edit re-scans only the `###` sections it touched and re-parses only the
// blocks whose text changed; every other block (and whatever a host keeps per block) stays as it was.

/** One request's block, parsed on its own: every offset in it is relative to its first character. */
export interface PsreqBlock {
  /** The block's text up to the next block (its last line break included). */
  readonly text: string;
  /** Its request; `index` is 0 here (the file's index is its place among the blocks with a request). */
  readonly request?: PsreqRequest;
  /** Its request's `# @name` when that is a valid handle. */
  readonly name?: string;
  readonly diagnostics: readonly PsreqDiagnostic[];
  /** `@name = value` lines of the block (before its request line or after its body). */
  readonly fileVariables: readonly FileVariable[];
  readonly fileDirectives: readonly Directive[];
  readonly fragments: readonly GraphqlFragment[];
  /** What the parse read: the text, and which lines a block comment opened above covers. */
  readonly key: string;
  /** What the block adds to the file's scope (variables, prompts, its name), as text. */
  readonly facts: string;
}

/** `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Whether no block above has `block`'s request name (what its `{{name.response…}}` and `duplicate-name` depend on). */
export function firstOfItsName(block: PsreqBlock, scope: PsreqFileScope): boolean {
  return block.name === undefined || scope.named.get(block.name) === block;
}

/** What crosses blocks: the names and values every block's `{{…}}` may use. */
export interface PsreqFileScope {
  /** The file's `@name = value`, in order (later ones win). */
  readonly variables: readonly Pick<FileVariable, 'name' | 'value'>[];
  /** Names a `{{name}}` may use: file variables and `# @prompt` names. */
  readonly declared: ReadonlySet<string>;
  /** Each request name (`# @name`) and the block of the first request with it. */
  readonly named: ReadonlyMap<string, PsreqBlock>;
  /**
   * The scope in two parts that are equal for two versions of a file exactly when every block both
   * hold reads the same from that part: `values`, the variables and their values; `names`, the
   * prompts and the sequence of request names (which decides which request a name is the first of).
   * A check keys what it keeps by the parts it reads.
   */
  readonly values: string;
  readonly names: string;
}

export class PsreqBlocks {
  private assembled?: PsreqDocument;

  private constructor(
    readonly text: string,
    readonly blocks: readonly PsreqBlock[],
    /** Where each block starts in `text`. */
    readonly starts: readonly number[],
    private fileScope?: PsreqFileScope,
  ) {}

  static parse(text: string): PsreqBlocks {
    const region = parseRegion(text, 0, text.length, new Map());
    return new PsreqBlocks(text, region.blocks, region.starts);
  }

  /**
   * The blocks of `text`, an edit of this one. `change` says where the texts differ (the editor
   * knows); without it the common start and end are found by comparing the two.
   */
  edit(text: string, change: TextChange = differenceOf(this.text, text)): PsreqBlocks {
    const { blocks, starts } = this;
    const delta = change.newEnd - change.oldEnd;
    // From the `###` line of the section holding the edit, or of the one above when the edit may touch that line.
    let first = this.indexAt(change.start);
    while (first > 0 && !startsSection(blocks[first])) first--;
    if (first > 0 && change.start < starts[first] + 3) {
      first--;
      while (first > 0 && !startsSection(blocks[first])) first--;
    }
    // To the first `###` line after the edit whose line break before it is untouched.
    let end = this.indexAt(change.oldEnd) + 1;
    while (end < blocks.length && !(startsSection(blocks[end]) && starts[end] > change.oldEnd)) end++;
    const from = starts[first] ?? 0;
    const to = end < blocks.length ? starts[end] + delta : text.length;
    const replaced = new Map<string, PsreqBlock>();
    for (let i = first; i < end; i++) replaced.set(blocks[i].key, blocks[i]);
    const region = parseRegion(text, from, to, replaced);
    // The only work on every block of the file: two arrays of references and numbers, each copied once.
    const nextBlocks = spliced(blocks, first, end, region.blocks);
    const nextStarts = spliced(starts, first, end, region.starts);
    for (let i = first + region.starts.length; i < nextStarts.length; i++) nextStarts[i] += delta;
    return new PsreqBlocks(text, nextBlocks, nextStarts, this.fileScope && carriedScope(this.fileScope, blocks.slice(first, end), region.blocks));
  }

  /** The index of the block holding `offset` (the last block at its end). */
  indexAt(offset: number): number {
    const { starts } = this;
    return Math.max(0, lastIndexAtOrBefore(starts.length, (index) => starts[index]!, offset));
  }

  /** The request whose block holds `offset`, with where its block starts; as `requestAt` finds it in the document. */
  requestAt(offset: number): { readonly request: PsreqRequest; readonly block: PsreqBlock; readonly start: number } | undefined {
    const index = this.indexAt(offset);
    const block = this.blocks[index];
    const start = this.starts[index];
    if (!block?.request || offset - start > block.request.span.end) return undefined;
    return { request: block.request, block, start };
  }

  /** The same document `parsePsreq(text)` gives, assembled from the blocks when first asked for. */
  get document(): PsreqDocument {
    return (this.assembled ??= this.assemble());
  }

  /** The file's directives, names and values only (their offsets stay relative to their blocks): all above any request, then each request's. */
  get directives(): { readonly fileDirectives: readonly Directive[]; readonly requests: readonly Pick<PsreqRequest, 'directives'>[] } {
    const fileDirectives: Directive[] = [];
    const requests: PsreqRequest[] = [];
    for (const block of this.blocks) {
      fileDirectives.push(...block.fileDirectives);
      if (block.request) requests.push(block.request);
    }
    return { fileDirectives, requests };
  }

  get scope(): PsreqFileScope {
    return (this.fileScope ??= scopeOf(this.blocks));
  }

  private assemble(): PsreqDocument {
    const requests: PsreqRequest[] = [];
    const fileVariables: FileVariable[] = [];
    const diagnostics: PsreqDiagnostic[] = [];
    const fileDirectives: Directive[] = [];
    const fragments: GraphqlFragment[] = [];
    this.blocks.forEach((block, i) => {
      const by = this.starts[i];
      for (const variable of block.fileVariables) fileVariables.push(shiftSpans(variable, by));
      for (const diagnostic of block.diagnostics) diagnostics.push(shiftSpans(diagnostic, by));
      for (const directive of block.fileDirectives) fileDirectives.push(shiftSpans(directive, by));
      fragments.push(...block.fragments);
      if (block.request) requests.push({ ...shiftSpans(block.request, by), index: requests.length });
    });
    return finishDocument(this.text, requests, { fileVariables, diagnostics, fileDirectives, fragments });
  }
}

/** A copy of `array` with `[first, end)` replaced by `items`. */
function spliced<T>(array: readonly T[], first: number, end: number, items: readonly T[]): T[] {
  // A spread passes its items as arguments: past some ten thousand of them the stack is the limit, and joining costs no more.
  if (items.length > 10_000) return array.slice(0, first).concat(items, array.slice(end));
  const copy = array.slice();
  copy.splice(first, end - first, ...items);
  return copy;
}

function startsSection(block: PsreqBlock): boolean {
  return block.text.startsWith('###');
}

/** Blocks of `text` from `from` (a section's start) to `to` (the next section's start, or the end); blocks whose key is in `reusable` are taken from there. */
function parseRegion(text: string, from: number, to: number, reusable: Map<string, PsreqBlock>): { blocks: PsreqBlock[]; starts: number[] } {
  const regionText = ownCopy(text.slice(from, to));
  const lines = from === 0 ? psreqLines(regionText) : splitLines(regionText);
  // A region that stops before the end stops after a line break: the empty "line" after it is the next section's.
  if (to < text.length) lines.pop();
  const scan = scanBlocks(lines);
  const blocks: PsreqBlock[] = [];
  const starts: number[] = [];
  for (const { first, end } of scan.blocks) {
    const blockStart = first === 0 ? 0 : lines[first].start;
    const blockEnd = end < lines.length ? lines[end].start : regionText.length;
    const source = regionText.slice(blockStart, blockEnd);
    const relative: Line[] = [];
    const comments = new Set<number>();
    for (let i = first; i < end; i++) {
      const line = lines[i];
      relative.push({ text: line.text, start: line.start - blockStart, end: line.end - blockStart, number: i - first });
      if (scan.blockComments.has(i)) comments.add(i - first);
    }
    // The first block's line may start after a byte-order mark, and the last block's text ends the file (its final empty line is its own).
    const key = `${from + blockStart === 0 ? 'file-start ' : ''}${to === text.length && end === lines.length ? 'file-end ' : ''}${[...comments].join(',')}\u0000${source}`;
    // Each old block is taken once: two equal blocks are still two (the first of a name is one of them).
    const reused = reusable.get(key);
    reusable.delete(key);
    blocks.push(reused ?? parseOneBlock(source, relative, comments, key));
    starts.push(from + blockStart);
  }
  return { blocks, starts };
}

/**
 * `part` as a string of its own. V8 may keep a substring as a pointer into the string it was cut
 * from, and every string a parse cuts from it (lines, names, messages) would then keep that whole
 * version of the file alive: one more copy of the file per edit, for as long as the block lives.
 * Joining makes a rope; cutting it flattens it into a new string first.
 */
function ownCopy(part: string): string {
  return ` ${part}`.slice(1);
}

function parseOneBlock(source: string, lines: Line[], comments: ReadonlySet<number>, key: string): PsreqBlock {
  const context = blockContext(source, comments);
  const request = parseBlockSafely(lines, 0, context);
  context.diagnostics.sort(byRange);
  const name = request && validNameOf(request);
  const facts = [...context.fileVariables.map((variable) => `${variable.name}=${variable.value}`), ...(request?.prompts ?? []).map((prompt) => `?${prompt.name}`), ...(name !== undefined ? [`#${name}`] : [])].join('\n');
  return { text: source, ...(request ? { request } : {}), ...(name !== undefined ? { name } : {}), diagnostics: context.diagnostics, fileVariables: context.fileVariables, fileDirectives: context.fileDirectives, fragments: context.fragments, key, facts };
}

/**
 * The scope after `before` became `after`, when they add the same to it (most edits): the same
 * object, or a copy whose names lead to the new blocks where an old one was the first of its name.
 */
function carriedScope(scope: PsreqFileScope, before: readonly PsreqBlock[], after: readonly PsreqBlock[]): PsreqFileScope | undefined {
  const factsOf = (blocks: readonly PsreqBlock[]) => blocks.map((block) => block.facts).filter((facts) => facts !== '').join('\n');
  if (factsOf(before) !== factsOf(after)) return undefined;
  const moved = before.filter((block) => block.name !== undefined && scope.named.get(block.name) === block);
  if (moved.length === 0) return scope;
  const named = new Map(scope.named);
  for (const block of moved) named.set(block.name!, after.find((candidate) => candidate.name === block.name)!);
  return { ...scope, named };
}

function scopeOf(blocks: readonly PsreqBlock[]): PsreqFileScope {
  const variables: Pick<FileVariable, 'name' | 'value'>[] = [];
  const declared = new Set<string>();
  const named = new Map<string, PsreqBlock>();
  const values: string[] = [];
  const names: string[] = [];
  for (const block of blocks) {
    for (const variable of block.fileVariables) {
      variables.push(variable);
      declared.add(variable.name);
      values.push(`${variable.name}=${variable.value}`);
    }
    const request = block.request;
    if (!request) continue;
    for (const prompt of request.prompts ?? []) {
      declared.add(prompt.name);
      names.push(`?${prompt.name}`);
    }
    const name = block.name;
    if (name === undefined) continue;
    if (!named.has(name)) named.set(name, block);
    names.push(`#${name}`);
  }
  return { variables, declared, named, values: values.join('\n'), names: names.join('\n') };
}

/** Where two texts differ: their common start and common end. */
export function differenceOf(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * A copy of parsed data with every offset moved by `by`. In the .psreq shapes every `start` and
 * `end` number is an offset (spans, URL pieces, diagnostics, fixes), so one walk moves them all.
 */
export function shiftSpans<T>(value: T, by: number): T {
  if (by === 0) return value;
  return shiftValue(value, by) as T;
}

function shiftValue(value: unknown, by: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shiftValue(item, by));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = (key === 'start' || key === 'end') && typeof item === 'number' ? item + by : shiftValue(item, by);
  }
  return out;
}
