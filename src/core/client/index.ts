// The PowerSchool client: OAuth, retries, errors, paging. Never imports vscode.
export { PowerSchoolClient, formatBytes } from './powerSchoolClient';
export { PowerSchoolError, errorDetailsFrom, isAbortError, type PowerSchoolErrorDetail, type PowerSchoolErrorKind } from './errors';
export { asArray, flattenRecord, recordListPath, recordsOf } from './normalise';
export { countRecords, defaultPageSize, fetchAll, pages, walkPages, type FetchAllOptions, type FetchAllResult, type JsonSource, type Page, type PageOptions, type PagedResource, type ProgressCallback } from './paging';
export { arraySink, ndjsonFileSink, streamSink, textFileWriter, type RecordSink, type StreamFormat, type TextFilter } from './sinks';
export { cleartextProblem, isLoopbackHost } from './cleartext';
export { Redactor } from './redact';
export { parseRetryAfter } from './retry';
export { TaskLimiter, mapWithLimit } from './taskLimiter';
export type { ClientDeps, Connection, HttpMethod, Logger, QueryValue, RawResponse, Reachability, RequestOptions, RetryPolicy } from './types';
