import type { PsreqAssist } from '../assist';
import type { ChosenEnvironment } from '../environments';
import type { GrantedAccess } from '../plugin';
import { accessChecker } from './accessChecks';
import { payloadBodiesOf, validatePsreqBodies, type PayloadValidator } from '../payload';
import { firstOfItsName, lintBlock, shiftSpans, type PsreqBlock, type PsreqBlocks, type PsreqFileScope } from '../psreq';
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
const parseChecker: PsreqChecker = () => ({
  block: (block, scope) => {
    if (firstOfItsName(block, scope)) return block.diagnostics;
    const directive = block.request!.directives.find((candidate) => candidate.name === 'name')!;
    return [...block.diagnostics, { ...directive.valueSpan, severity: 'error', code: 'duplicate-name', message: `another request is already named '${block.name}'` }];
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
      key: JSON.stringify([[...known].sort(), environment ? [environment.name, Object.keys(environment.dotenv).sort()] : null]),
      block: (block, scope) => lintBlock(block, scope, known, environment),
    };
  };
}

function payloadBodyChecker(create: () => PayloadValidator): PsreqChecker {
  let validator: PayloadValidator | undefined;
  return ({ parsed }) => ({
    file: () => {
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
  /** Whether the block was the first of its request name (its findings depend on it; the scope's signature does not say which block is first). */
  readonly first: boolean;
  /** Offsets relative to the block. */
  readonly local: readonly Finding[];
  /** `local` placed at `start`. */
  placed: readonly Finding[];
  start: number;
}

/**
 * The block findings of the last check of one document (the editor keeps one per open file), for
 * the blocks an edit left alone. Dropped whole when the scope or a pass's key changes.
 */
export class KeptFindings {
  private keys: readonly unknown[] = [];
  private blocks = new WeakMap<PsreqBlock, KeptBlock>();
  /** Changes whenever the findings are dropped, so a check that started before never stores into the new set. */
  private generation = 0;

  /** Forgets every finding (what the checks read outside the file changed). */
  clear(): void {
    this.keys = [];
    this.blocks = new WeakMap();
    this.generation++;
  }

  /** Keeps the findings only if they were found with these keys; the generation to store under. */
  keepFor(keys: readonly unknown[]): number {
    if (keys.length !== this.keys.length || keys.some((key, i) => !Object.is(key, this.keys[i]))) {
      this.clear();
      this.keys = keys;
    }
    return this.generation;
  }

  get(block: PsreqBlock): KeptBlock | undefined {
    return this.blocks.get(block);
  }

  set(block: PsreqBlock, kept: KeptBlock, generation: number): void {
    if (generation === this.generation) this.blocks.set(block, kept);
  }
}

const failure = (error: unknown, at = 0): Finding => ({ start: at, end: at, severity: 'error', code: 'checker-failed', message: `internal error in a checker: ${error instanceof Error ? error.message : String(error)}` });

/**
 * Runs every checker over the file; a checker that throws becomes one finding, not a crash. With
 * `kept` (from the previous check of the same document), only blocks it does not hold are checked.
 */
export async function checkPsreq(input: PsreqCheckInput, checkers: readonly PsreqChecker[], kept = new KeptFindings()): Promise<Finding[]> {
  const findings: Finding[] = [];
  const passes: PsreqCheckPass[] = [];
  for (const checker of checkers) {
    try {
      passes.push(await checker(input));
    } catch (error) {
      findings.push(failure(error));
    }
  }
  const { parsed } = input;
  const scope = parsed.scope;
  const generation = kept.keepFor([scope.signature, ...passes.map((pass) => pass.key)]);
  const blockPasses = passes.filter((pass) => pass.block);
  for (let i = 0; i < parsed.blocks.length; i++) {
    const block = parsed.blocks[i];
    const start = parsed.starts[i];
    const first = firstOfItsName(block, scope);
    let entry = kept.get(block);
    if (entry?.first !== first) {
      const local: Finding[] = [];
      for (const pass of blockPasses) {
        try {
          local.push(...(await pass.block!(block, scope)));
        } catch (error) {
          local.push(failure(error));
        }
      }
      entry = { first, local, placed: local.map((finding) => shiftSpans(finding, start)), start };
      kept.set(block, entry, generation);
    } else if (entry.start !== start) {
      entry.placed = entry.local.map((finding) => shiftSpans(finding, start));
      entry.start = start;
    }
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
