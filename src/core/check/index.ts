// Checks of `.psreq` files, one list for `psdev check` and the editor's diagnostics. Never imports vscode.
export { formatFinding, type Finding, type FindingSeverity } from './findings';
export { KeptFindings, checkPsreq, checkPsreqBlocks, placedFindings, psreqChecks, type BlockFindings, type PsreqFindings, type PsreqCheckInput, type PsreqCheckOptions, type PsreqCheckPass, type PsreqChecker } from './psreqChecks';
