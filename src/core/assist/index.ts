// Editor assistance for whole .psreq documents (completion, diagnostics, quick fixes, hover)
// over the q module and the .psreq parser. Never imports vscode.
export type * from './types';
export { PsreqAssist, type DiagnoseOptions, type PsreqAssistOptions } from './assistant';
export { diagnoseRequest, diagnoseRequestWith } from './diagnose';
export { knowledgeFor, NO_KNOWLEDGE, type Knowledge } from './catalogs';
export { locateInRequest, type RequestPart } from './locate';
export { completePart, type CompleteOptions } from './complete';
export { hoverPart } from './hover';
