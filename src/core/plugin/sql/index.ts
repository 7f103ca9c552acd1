// Oracle SQL of named queries: tokens and the facts the checks and the editor need. Never imports vscode.
export { codeTokens, isKeyword, sqlTokenAt, tokenizeSql, type SqlToken, type SqlTokenKind } from './tokens';
export { analyzeSql, memoizedSqlAnalysis, resolveSqlAlias, unquote, type SelectList, type SqlAnalysis, type SqlBind, type SqlColumnReference, type SqlTableReference } from './analysis';
export { oracleToSqlite, type SqliteTranslation, type TranslateOptions } from './toSqlite';
export { UnsupportedSql } from './unsupported';
export { memoizedSandboxRefusal, sandboxRefusal, translationArgs, type TranslatedArg } from './sandboxRefusal';
