import * as vscode from 'vscode';
import type { PayloadFinding, PayloadValidator, StudentPayloadSession } from '../../core/payload';
import type { ParsedPsreqDocuments } from '../util/parsedPsreq';
import type { SchemaService } from '../schema/schemaService';
import { isJsonLanguage, payloadDocumentKind, restatedByVsCodeJson, tableNameOf, type PayloadDocumentKind } from './payloadDocuments';
import type { LiveLookups } from '../../core/payload';
import { payloadCore } from './payloadCore';

/** The payload findings of one document version, in offsets of the whole document. */
export interface PayloadAnalysis {
  readonly kind: PayloadDocumentKind;
  readonly version: number;
  readonly findings: readonly PayloadFinding[];
  /** Findings VS Code's own JSON support reports alike in this document (syntax errors: not shown twice). */
  readonly restated: (finding: PayloadFinding) => boolean;
  /** How many payload bodies were checked (a .psreq file may have none). */
  readonly bodies: number;
  /** Whether live metadata was asked for: the analysis is stale when it changes. */
  readonly usedLive: boolean;
}

interface Cached {
  readonly analysis: PayloadAnalysis;
  readonly liveRevision: number;
}

const never = () => false;

/**
 * Runs the payload validator over a document once per version (and per live-metadata change
 * when it used any), so diagnostics, quick fixes and the command share one result.
 */
export class PayloadAnalyzer {
  private readonly cache = new WeakMap<vscode.TextDocument, Cached>();
  /** Student bodies being edited: told every change, they re-check only the records it touched. */
  private readonly sessions = new WeakMap<vscode.TextDocument, StudentPayloadSession>();
  /** Documents the Validate Payload command was asked to treat as a payload, by URI. */
  private readonly chosenKinds = new Map<string, PayloadDocumentKind>();

  /** Made for the first document that holds a payload (loading dist/payload.js), not at activation. */
  private createdValidator: PayloadValidator | undefined;

  constructor(
    private readonly createValidator: () => PayloadValidator,
    private readonly live: SchemaService,
    private readonly psreq: ParsedPsreqDocuments,
  ) {}

  kindOf(document: vscode.TextDocument, readText: () => string = () => document.getText()): PayloadDocumentKind | undefined {
    return this.chosenKinds.get(document.uri.toString()) ?? payloadDocumentKind(document.fileName, document.languageId, readText);
  }

  /** Treats a document as a payload of `kind` until it closes (a body in a JSON file of any name). */
  choose(document: vscode.TextDocument, kind: PayloadDocumentKind): void {
    this.chosenKinds.set(document.uri.toString(), kind);
  }

  forget(document: vscode.TextDocument): void {
    this.chosenKinds.delete(document.uri.toString());
    this.cache.delete(document);
    this.sessions.delete(document);
  }

  /** Hands a document's content changes to its student-body session (if it has one), in the order VS Code sent them. */
  edited(event: vscode.TextDocumentChangeEvent): void {
    const session = this.sessions.get(event.document);
    if (!session) return;
    session.edit(event.document.version, event.contentChanges.map((change) => ({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, newText: change.text })));
  }

  /** Whether the next analysis of the document re-checks only what changed (so it is cheap whatever the document's size). */
  isIncremental(document: vscode.TextDocument): boolean {
    return this.sessions.has(document);
  }

  /** The current (cached when still valid) analysis, or undefined for a document that holds no payload. */
  analyze(document: vscode.TextDocument): PayloadAnalysis | undefined {
    const cached = this.cache.get(document);
    if (cached && cached.analysis.version === document.version && (!cached.analysis.usedLive || cached.liveRevision === this.live.revision)) return cached.analysis;
    // A multi-megabyte document's text is read once per analysis, by whichever step needs it first.
    let text: string | undefined;
    const readText = () => (text ??= document.getText());
    const kind = this.kindOf(document, readText);
    if (!kind) {
      this.cache.delete(document);
      return undefined;
    }
    const liveRevision = this.live.revision;
    const analysis = this.run(document, kind, readText);
    this.cache.set(document, { analysis, liveRevision });
    return analysis;
  }

  /** The cached analysis only when it is current; never runs the validator. */
  current(document: vscode.TextDocument): PayloadAnalysis | undefined {
    const cached = this.cache.get(document);
    return cached && cached.analysis.version === document.version ? cached.analysis : undefined;
  }

  private validator(): PayloadValidator {
    return (this.createdValidator ??= this.createValidator());
  }

  private run(document: vscode.TextDocument, kind: PayloadDocumentKind, readText: () => string): PayloadAnalysis {
    let usedLive = false;
    const lookups: Required<LiveLookups> = {
      extensionCatalog: () => ((usedLive = true), this.live.extensionCatalog()),
      tableColumns: (table) => ((usedLive = true), this.live.columnsOf(table)),
    };
    const version = document.version;
    if (kind === 'psreq') {
      const { payloadBodiesOf, validatePsreqBodies } = payloadCore();
      const bodies = payloadBodiesOf(this.psreq.get(document));
      const findings = validatePsreqBodies(this.validator(), bodies, lookups);
      return { kind, version, findings, restated: never, bodies: bodies.length, usedLive };
    }
    const text = readText();
    let findings: PayloadFinding[];
    if (kind === 'students') {
      const extensionCatalog = text.includes('_extension_data') ? lookups.extensionCatalog() : undefined;
      let session = this.sessions.get(document);
      if (!session) this.sessions.set(document, (session = this.validator().studentSession()));
      findings = session.findings(text, version, extensionCatalog ? { extensionCatalog } : {});
    } else {
      const table = tableNameOf(text);
      findings = this.validator().validateTableText(text, table ?? '', (table && lookups.tableColumns(table)) || []);
    }
    const jsonValidates = isJsonLanguage(document.languageId) && vscode.workspace.getConfiguration('json').get<boolean>('validate.enable', true);
    const restated = jsonValidates ? (finding: PayloadFinding) => restatedByVsCodeJson(finding.code) : never;
    return { kind, version, findings, restated, bodies: 1, usedLive };
  }
}
