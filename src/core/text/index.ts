// Plain-text helpers every language in core shares: line/column positions and "did you mean".
// Never imports vscode.
export { compilerLine, createLineIndex, splitLines, type Line, type LineColumn } from './lines';
export { memoizeByText } from './memoize';
export { lastIndexAtOrBefore } from './search';
export { byRange } from './ranges';
export { boundedEditDistance, closestName, didYouMean, editDistance } from './closest';
