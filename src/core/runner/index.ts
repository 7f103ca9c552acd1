// Running .psreq requests: variables, chained named requests, @all paging, confirmation,
// cURL, history. Never imports vscode; the extension and `psdev run` are its two hosts.
export { PsreqRunner, type RunnerDeps } from './runner';
export { confirmationReason, type PlannedConfirmation } from './confirm';
export { SendPolicy, unrestricted, isInside, realPath, type SendRules, type SendVerdict, type OutgoingRequest } from './sendPolicy';
export { isPaged, requestTitle, syntaxErrorsOf } from './requests';
export { mergePages } from './mergePages';
export { toCurl, shellQuote } from './curl';
export { RequestHistory, historyEntryOf, historyLimit, type HistoryEntry, type HistoryStore } from './history';
export { statusLine, pagingText, prettyBody, isFailure, assertionLines, sendAllSummary } from './display';
export { RunError, type RunErrorKind, type RunResult, type SentRequest, type ReceivedResponse, type PagingProgress } from './types';
export { bodyView, showMessage, defaultLargeBodyBytes, previewBytes, type BodyView, type ShowMessage, type TableView } from './responseView';
export { prettyPrefix } from './prettyPrefix';
export { evaluateAssertion, type AssertedResponse, type AssertionOutcome, type AssertionResult } from './assertions';
export { failureLines, isTestRequest, junitXml, testLabel, testPassed, type TestOutcome, type TestSuite } from './testReport';
