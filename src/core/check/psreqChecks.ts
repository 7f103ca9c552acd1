import { byRange } from '../text';
import type { PsreqAssist } from '../assist';
import type { ChosenEnvironment } from '../environments';
import type { GrantedAccess } from '../plugin';
import { accessChecker } from './accessChecks';
import type { PayloadValidator } from '../payload';
import { duplicateNameDiagnostic, firstOfItsName, lintBlock, type PsreqBlock, type PsreqBlocks, type PsreqFileScope } from '../psreq';
import type { Finding } from './findings';
import { sendingChecker, type SendingCheckOptions } from './sendingChecks';

/** A `.psreq` file and its one parse. */
export interface PsreqCheckInput {
  readonly parsed: PsreqBlocks;
  /** The file's absolute path when it is on disk: `< file` bodies are checked against its folder. */
  readonly path?: string;
}

/**
 * One kind of check, ready for one check of a file: `block` finds what lies inside one block from
 * the block and the file's scope alone (offsets relative to the block), so an incremental check
 * keeps those findings while the block, the scope and `key` stay the same; `file` finds what
 * needs the whole file or what lies outside it (the file system), asked on every check.
 */
export interface PsreqCheckPass {
  /**
   * What the block findings read besides the block itself: the scope parts they read and anything
   * else (settings, the environment, the live catalog); compared by identity, or an array by each of its items.
   */
  readonly key?: unknown;
  readonly block?: (block: PsreqBlock, scope: PsreqFileScope) => readonly Finding[] | Promise<readonly Finding[]>;
  readonly file?: () => readonly Finding[] | Promise<readonly Finding[]>;
}

/** One kind of check over a parsed `.psreq` file (parse, variables, q-expressions, payload bodies, …). */
export type PsreqChecker = (input: PsreqCheckInput) => PsreqCheckPass | Promise<PsreqCheckPass>;

export interface PsreqCheckOptions extends SendingCheckOptions {
  /** Checks q, parameters, expansions, page sizes and PowerQuery bodies: the editor's (live catalog) or one over the built-in catalogs. */
  readonly assist: PsreqAssist;
  /** Names defined outside the file (the connection's variables), so `{{name}}` of those is not undefined. */
  readonly knownVariables?: () => ReadonlySet<string>;
  /**
   * The file's chosen environment (its variables are known; the others are named when they define
   * a name). Kept findings do not see a change in the other environments: the host drops them then.
   */
  readonly environmentFor?: (input: PsreqCheckInput) => Promise<ChosenEnvironment>;
  /**
   * Validates inline student and table-record bodies with the built-in rules; made on the first
   * such body (≈140 ms of compiling). The editor leaves it out: its payload diagnostics run the
   * same validation with the connection's live metadata.
   */
  readonly payloadValidator?: () => PayloadValidator;
  /** The plugin the connection runs as, when known: columns it was not granted are reported. */
  readonly plugin?: () => GrantedAccess | undefined;
}

/** The parser's findings, and `duplicate-name` (which depends on the blocks above). */
const parseChecker: PsreqChecker = ({ parsed }) => ({
  key: parsed.scope.names,
  block: (block, scope) => {
    if (firstOfItsName(block, scope)) return block.diagnostics;
    return [...block.diagnostics, duplicateNameDiagnostic(block.request!, block.name!)];
  },
});

function variablesChecker(options: PsreqCheckOptions): PsreqChecker {
  return async (input) => {
    let environment: ChosenEnvironment | undefined;
    try {
      environment = await options.environmentFor?.(input);
    } catch (error) {
      return { file: () => [{ start: 0, end: 0, severity: 'error', code: 'unknown-environment', message: error instanceof Error ? error.message : String(error) }] };
    }
    const known = new Set([...(options.knownVariables?.() ?? []), ...Object.keys(environment?.variables ?? {})]);
    return {
      // The scope's parts as they are: joining them into one key would copy the whole file's names on every edit.
      key: [JSON.stringify([[...known].sort(), environment ? [environment.name, Object.keys(environment.dotenv).sort()] : null]), input.parsed.scope.values, input.parsed.scope.names],
      block: (block, scope) => lintBlock(block, scope, known, environment),
    };
  };
}

function payloadBodyChecker(create: () => PayloadValidator): PsreqChecker {
  let validator: PayloadValidator | undefined;
  return ({ parsed }) => ({
    file: () => {
      // Required here: the editor's checks pass no validator, and its bundle leaves payload validation to dist/payload.js.
      const { payloadBodiesOf, validatePsreqBodies } = require('../payload') as typeof import('../payload');
      const bodies = payloadBodiesOf(parsed.document);
      if (bodies.length === 0) return [];
      validator ??= create();
      return validatePsreqBodies(validator, bodies).map(({ start, end, severity, message, code }) => ({ start, end, severity, message, code }));
    },
  });
}

/** Every check of a `.psreq` file: what `psdev check` prints and the editor's psreq diagnostics show. */
export function psreqChecks(options: PsreqCheckOptions): PsreqChecker[] {
  const checks: PsreqChecker[] = [
    parseChecker,
    variablesChecker(options),
    () => ({ key: options.assist.knowledgeVersion, block: (block) => options.assist.diagnoseBlock(block) }),
    sendingChecker(options),
  ];
  if (options.payloadValidator) checks.push(payloadBodyChecker(options.payloadValidator));
  if (options.plugin) checks.push(accessChecker(options.plugin));
  return checks;
}

interface KeptBlock extends BlockFindings {
  /** Whether the block was the first of its request name when checked (what `{{name.response…}}` and `duplicate-name` depend on). */
  first: boolean;
  /** Per pass: its findings (offsets relative to the block) and the generation of the pass's key they were found under. */
  readonly local: (readonly Finding[] | undefined)[];
  readonly generations: number[];
  /** The `KeptFindings.version` the block was last brought up to: while it holds, no pass needs to look at the block. */
  version: number;
  /** The scope `first` was last found in: while it is the same object, so is `first` (an edit that adds nothing to the scope keeps it). */
  scope: PsreqFileScope;
  findings: readonly Finding[];
}

/** One block's findings, relative to its start: the same array for as long as they stay the same. */
export interface BlockFindings {
  readonly block: PsreqBlock;
  readonly findings: readonly Finding[];
}

/**
 * What one check of a `.psreq` file found, as it is kept: an edit moves the blocks below it, and
 * their findings move with them without being copied (a host keeps what it made of a block's
 * findings while the array is the same and the block did not move in a way it sees).
 */
export interface PsreqFindings {
  /** The blocks with findings, in order. */
  readonly blocks: readonly BlockFindings[];
  /** Where each of those blocks starts in the file. */
  readonly starts: readonly number[];
  /** Findings at file offsets, in order: what needs the whole file (or the file system), and checkers that failed. */
  readonly file: readonly Finding[];
}

/** Each pass's key, compared as checks compare them: by identity, or an array of keys by each of its items (a check's key can name the scope's strings without joining them). */
function sameKey(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}

/**
 * The block findings of the last checks of one document (the editor keeps one per open file), for
 * the blocks an edit left alone. A pass's findings are dropped when its key changes.
 */
export class KeptFindings {
  private keys: unknown[] = [];
  private generations: number[] = [];
  private blocks = new WeakMap<PsreqBlock, KeptBlock>();
  /** The blocks of the last check and their entries, by place: most blocks are where they were, and comparing there is cheaper than the lookup. */
  private last: { readonly blocks: readonly PsreqBlock[]; readonly entries: readonly KeptBlock[] } = { blocks: [], entries: [] };
  private nextGeneration = 1;
  /** Changes whenever a pass's key does. */
  version = 0;

  /** Forgets every finding (what the checks read outside the file changed). */
  clear(): void {
    this.keys = [];
    this.generations = [];
    this.blocks = new WeakMap();
    this.last = { blocks: [], entries: [] };
  }

  /** The generation of each pass's findings: a new one for a pass whose key changed. */
  generationsFor(keys: readonly unknown[]): readonly number[] {
    if (keys.length !== this.keys.length) this.clear();
    keys.forEach((key, i) => {
      if (this.generations[i] !== undefined && sameKey(key, this.keys[i])) return;
      this.keys[i] = key;
      this.generations[i] = this.nextGeneration++;
      this.version = this.generations[i];
    });
    return [...this.generations];
  }

  /** The entry of `block`, the `index`th block of the file. */
  get(block: PsreqBlock, index: number): KeptBlock | undefined {
    return this.last.blocks[index] === block ? this.last.entries[index] : this.blocks.get(block);
  }

  /** The blocks just checked and their entries. */
  checked(blocks: readonly PsreqBlock[], entries: readonly KeptBlock[]): void {
    this.last = { blocks, entries };
  }

  set(block: PsreqBlock, kept: KeptBlock): void {
    this.blocks.set(block, kept);
  }
}

const noFindings: readonly Finding[] = [];

/** A block's findings of every pass, in order. */
function findingsOf(local: readonly (readonly Finding[] | undefined)[]): readonly Finding[] {
  const all: Finding[] = [];
  for (const findings of local) if (findings) for (const finding of findings) all.push(finding);
  return all.length === 0 ? noFindings : all.sort(byRange);
}

/** A finding (and its fixes) moved by `by`. */
function moved(finding: Finding, by: number): Finding {
  if (by === 0) return finding;
  return { ...finding, start: finding.start + by, end: finding.end + by, ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, start: fix.start + by, end: fix.end + by })) } : {}) };
}

/** Every finding at file offsets, in order: what `psdev check` prints. */
export function placedFindings(found: PsreqFindings): Finding[] {
  const placed: Finding[] = [];
  found.blocks.forEach(({ findings }, i) => {
    for (const finding of findings) placed.push(moved(finding, found.starts[i]));
  });
  for (const finding of found.file) placed.push(finding);
  return placed.sort(byRange);
}

const failure = (error: unknown, at = 0): Finding => ({ start: at, end: at, severity: 'error', code: 'checker-failed', message: `internal error in a checker: ${error instanceof Error ? error.message : String(error)}` });

/** Runs every checker over the file once: its findings at file offsets, in order. */
export async function checkPsreq(input: PsreqCheckInput, checkers: readonly PsreqChecker[]): Promise<Finding[]> {
  return placedFindings(await checkPsreqBlocks(input, checkers, new KeptFindings()));
}

/**
 * Runs every checker over the file; a checker that throws becomes one finding, not a crash. With
 * `kept` (from the previous checks of the same document), a block is checked again only by the
 * passes whose findings of it `kept` does not hold under the pass's current key. What this does
 * for every block of the file on every edit is a lookup and, for a block with findings, two
 * references pushed: nothing is copied for the blocks an edit moved.
 */
export async function checkPsreqBlocks(input: PsreqCheckInput, checkers: readonly PsreqChecker[], kept: KeptFindings): Promise<PsreqFindings> {
  const file: Finding[] = [];
  const passes: PsreqCheckPass[] = [];
  for (const checker of checkers) {
    try {
      passes.push(await checker(input));
    } catch (error) {
      file.push(failure(error));
      // An empty pass keeps every later pass at its place (what it keeps is kept by place).
      passes.push({ key: failure });
    }
  }
  const { parsed } = input;
  const scope = parsed.scope;
  const generations = kept.generationsFor(passes.map((pass) => pass.key));
  const { version } = kept;
  const blocks: BlockFindings[] = [];
  const starts: number[] = [];
  const entries = new Array<KeptBlock>(parsed.blocks.length);
  for (let i = 0; i < parsed.blocks.length; i++) {
    const block = parsed.blocks[i];
    let entry = kept.get(block, i);
    if (entry?.scope !== scope || entry.version !== version) {
      const first = block.name === undefined || firstOfItsName(block, scope);
      if (!entry || entry.first !== first) {
        entry = { block, first, local: [], generations: [], version: -1, scope, findings: noFindings };
        kept.set(block, entry);
      }
      entry.scope = scope;
    }
    if (entry.version !== version) {
      let found = false;
      for (let p = 0; p < passes.length; p++) {
        const pass = passes[p];
        if (!pass.block || entry.generations[p] === generations[p]) continue;
        let local: readonly Finding[];
        try {
          local = await pass.block(block, scope);
        } catch (error) {
          local = [failure(error)];
        }
        entry.local[p] = local;
        entry.generations[p] = generations[p];
        found = true;
      }
      if (found) entry.findings = findingsOf(entry.local);
      // Marked only now: a check of a later edit that starts while this one awaits a pass checks the block itself.
      entry.version = version;
    }
    entries[i] = entry;
    // Most blocks have no findings: nothing of them is in the result.
    if (entry.findings.length === 0) continue;
    blocks.push(entry);
    starts.push(parsed.starts[i]);
  }
  kept.checked(parsed.blocks, entries);
  for (const pass of passes) {
    if (!pass.file) continue;
    try {
      file.push(...(await pass.file()));
    } catch (error) {
      file.push(failure(error));
    }
  }
  return { blocks, starts, file: file.sort(byRange) };
}
