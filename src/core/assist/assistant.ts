import { completePart } from './complete';
import { diagnoseRequest } from './diagnose';
import { hoverPart } from './hover';
import { locateInRequest } from './locate';
import { PsreqBlocks, shiftSpans, type PsreqBlock } from '../psreq';
import type { AssistCompletion, AssistDiagnostic, AssistHover, LiveCatalog } from './types';

// Editor assistance for whole .psreq documents, over the blocks the host already holds for the
// text's version (or a fresh parse). Each answer reads only the block at hand, with offsets
// relative to it, and is moved to the document's offsets at the end.

export interface PsreqAssistOptions {
  /** What the connected server knows; without it the built-in catalogs serve. */
  live?: LiveCatalog;
  /** Today as `YYYY-MM-DD` (offered for date fields); core does not read the clock. */
  today?: () => string;
}

export interface DiagnoseOptions {
  /** The blocks already parsed from the same text. */
  parsed?: PsreqBlocks;
}

export class PsreqAssist {
  private knowledge = 0;

  constructor(private readonly options: PsreqAssistOptions = {}) {}

  /** Changes when what the assistant knows changed (the live catalog reloaded): findings kept from before are stale. */
  get knowledgeVersion(): number {
    return this.knowledge;
  }

  /** The live catalog changed. */
  invalidate(): void {
    this.knowledge++;
  }

  /** `parsed`: the host's blocks of this very text, when it has them. */
  async complete(text: string, offset: number, parsed: PsreqBlocks = PsreqBlocks.parse(text)): Promise<AssistCompletion[]> {
    const found = parsed.requestAt(offset);
    if (!found) return [];
    const { block, request, start } = found;
    const items = await completePart(locateInRequest(block.text, request, offset - start), block.text, { live: this.options.live, today: this.options.today?.() });
    return items.map((item) => shiftSpans(item, start));
  }

  async hover(text: string, offset: number, parsed: PsreqBlocks = PsreqBlocks.parse(text)): Promise<AssistHover | undefined> {
    const found = parsed.requestAt(offset);
    if (!found) return undefined;
    const hover = await hoverPart(locateInRequest(found.block.text, found.request, offset - found.start), found.block.text, this.options.live);
    return hover && shiftSpans(hover, found.start);
  }

  /** The findings of one block, offsets relative to it. */
  async diagnoseBlock(block: PsreqBlock): Promise<AssistDiagnostic[]> {
    return block.request ? diagnoseRequest(block.text, block.request, this.options.live) : [];
  }

  /** The findings of every block. */
  async diagnose(text: string, options: DiagnoseOptions = {}): Promise<AssistDiagnostic[]> {
    const parsed = options.parsed ?? PsreqBlocks.parse(text);
    const out: AssistDiagnostic[] = [];
    for (let i = 0; i < parsed.blocks.length; i++) {
      for (const diagnostic of await this.diagnoseBlock(parsed.blocks[i])) out.push(shiftSpans(diagnostic, parsed.starts[i]));
    }
    return out;
  }
}
