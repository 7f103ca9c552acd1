// The .psreq language (a superset of REST Client's .http): parsing with exact offsets, variables.
// Never imports vscode.
export { duplicateNameDiagnostic, parsePsreq, httpMethods } from './parse';
export { findReferences } from './references';
export { requestAt } from './requestAt';
export type * from './types';
export { VariableResolver, resolveRequest, readPath, type IncludedFile, type ResolvedRequest, type ResponseSnapshot, type VariableProblem, type VariableSources, type Resolved } from './variables';
export { systemVariable, systemVariableNames, formatDate } from './systemVariables';
export { lintBlock, lintVariables, type LintEnvironments } from './lint';
export { parseAssertion, assertionOperators, type AssertionOperator, type AssertionTarget, type ParsedAssertion } from './assertions';
export { readsEnvironment, usesWritten, type VariableUses } from './uses';
export { PsreqBlocks, differenceOf, firstOfItsName, shiftSpans, type PsreqBlock, type PsreqFileScope, type TextChange } from './blocks';
