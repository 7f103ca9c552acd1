// Editor assistance for whole .psreq documents (completion, diagnostics, quick fixes, hover)
// over the q module and the .psreq parser. Never imports vscode.
export type * from './types';
export { PsreqAssist, blockAround, type DiagnoseOptions, type PsreqAssistOptions } from './assistant';
export { checkPsreqRequests } from './check';
export { diagnoseRequest } from './diagnose';
export { locateInRequest, requestAt, type RequestPart } from './locate';
export { completePart, type CompleteOptions } from './complete';
export { hoverPart } from './hover';
