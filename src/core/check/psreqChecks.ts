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
  /** What the block findings read besides the block and the scope (settings, the environment, the live catalog). */
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
      key: JSON.stringify([[...known].sort(), environment ? [environment.name, Object.keys(environment.dotenv).sort()] : null, input.parsed.scope.values, input.parsed.scope.names]),
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

interface KeptBlock {
  /** Whether the block was the first of its request name when checked (what `{{name.response…}}` and `duplicate-name` depend on). */
  first: boolean;
  /** Per pass: its findings (offsets relative to the block) and the generation of the pass's key they were found under. */
  readonly local: (readonly Finding[] | undefined)[];
  readonly generations: number[];
  /** The `KeptFindings.version` the block was last brought up to: while it holds, no pass needs to look at the block. */
  version: number;
  /** Every pass's findings placed at `start`. */
  placed: readonly Finding[];
  start: number;
}

/**
 * The block findings of the last checks of one document (the editor keeps one per open file), for
 * the blocks an edit left alone. A pass's findings are dropped when its key changes.
 */
export class KeptFindings {
  private keys: unknown[] = [];
  private generations: number[] = [];
  private blocks = new WeakMap<PsreqBlock, KeptBlock>();
  private nextGeneration = 1;
  /** Changes whenever a pass's key does. */
  version = 0;

  /** Forgets every finding (what the checks read outside the file changed). */
  clear(): void {
    this.keys = [];
    this.generations = [];
    this.blocks = new WeakMap();
  }

  /** The generation of each pass's findings: a new one for a pass whose key changed. */
  generationsFor(keys: readonly unknown[]): readonly number[] {
    if (keys.length !== this.keys.length) this.clear();
    keys.forEach((key, i) => {
      if (this.generations[i] !== undefined && Object.is(key, this.keys[i])) return;
      this.keys[i] = key;
      this.generations[i] = this.nextGeneration++;
      this.version = this.generations[i];
    });
    return [...this.generations];
  }

  get(block: PsreqBlock): KeptBlock | undefined {
    return this.blocks.get(block);
  }

  set(block: PsreqBlock, kept: KeptBlock): void {
    this.blocks.set(block, kept);
  }
}

/** The block's findings at document offsets (after an edit, every block below it moves: this runs for each that has findings). */
function place(entry: KeptBlock, start: number): void {
  const placed: Finding[] = [];
  for (const local of entry.local) {
    for (const finding of local ?? []) {
      placed.push({ ...finding, start: finding.start + start, end: finding.end + start, ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, start: fix.start + start, end: fix.end + start })) } : {}) });
    }
  }
  entry.placed = placed;
  entry.start = start;
}

const failure = (error: unknown, at = 0): Finding => ({ start: at, end: at, severity: 'error', code: 'checker-failed', message: `internal error in a checker: ${error instanceof Error ? error.message : String(error)}` });

/**
 * Runs every checker over the file; a checker that throws becomes one finding, not a crash. With
 * `kept` (from the previous checks of the same document), a block is checked again only by the
 * passes whose findings of it `kept` does not hold under the pass's current key.
 */
export async function checkPsreq(input: PsreqCheckInput, checkers: readonly PsreqChecker[], kept = new KeptFindings()): Promise<Finding[]> {
  const findings: Finding[] = [];
  const passes: PsreqCheckPass[] = [];
  for (const checker of checkers) {
    try {
      passes.push(await checker(input));
    } catch (error) {
      findings.push(failure(error));
      // An empty pass keeps every later pass at its place (what it keeps is kept by place).
      passes.push({ key: failure });
    }
  }
  const { parsed } = input;
  const scope = parsed.scope;
  const generations = kept.generationsFor(passes.map((pass) => pass.key));
  const { version } = kept;
  for (let i = 0; i < parsed.blocks.length; i++) {
    const block = parsed.blocks[i];
    const start = parsed.starts[i];
    const first = block.name === undefined || firstOfItsName(block, scope);
    let entry = kept.get(block);
    if (entry?.version === version && entry.first === first) {
      // Most blocks have no findings: nothing to move when they move.
      if (entry.placed.length > 0 && entry.start !== start) place(entry, start);
      for (const finding of entry.placed) findings.push(finding);
      continue;
    }
    if (!entry || entry.first !== first) {
      entry = { first, local: [], generations: [], version, placed: [], start: -1 };
      kept.set(block, entry);
    }
    entry.version = version;
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
    if (found || entry.start !== start) place(entry, start);
    for (const finding of entry.placed) findings.push(finding);
  }
  for (const pass of passes) {
    if (!pass.file) continue;
    try {
      findings.push(...(await pass.file()));
    } catch (error) {
      findings.push(failure(error));
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
