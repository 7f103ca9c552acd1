// PowerSchool plugin files, read as PowerSchool reads them, into one model with positioned
// findings. Never imports vscode.
export type {
  ArgType, ElementSource, ExtensionField, ExtensionTable, FieldAccess, FieldGrant, GrantedAccess, GrantLine, NamedQuery, PermissionImplies, PermissionMapping, Plugin, PluginEdit,
  PluginFile, PluginFileKind, PluginFileText, PluginFinding, PluginFix, PluginGrant, PluginManifest, QueryArg, QueryColumn, QuerySql, SchemaExtension, TextValue, V1AccessLevel,
} from './model';
export { rangeContains, rangeMaker, type RangeMaker, type SourcePosition, type SourceRange } from './source';
export { attributeOf, childrenNamed, parseXmlDocument, textSpan, type XmlAttribute, type XmlCdata, type XmlDocument, type XmlElement } from './xmlTree';
export { createPluginReader, normalizePluginPath, pluginFileKind, readPlugin } from './readPlugin';
export { packagedPaths, PluginFileError, pluginFolderFiles, readPluginFolder, readPluginManifest, readPluginZip } from './pluginFolder';
export { packagedTexts, readPackagedFiles, zipPackagedFiles, type PackagedFile } from './package';
export { isPackagedPath } from './layout';
export { accessRequestLine, grantCovers, grantLookup } from './grants';
export { formatPluginFinding } from './format';
export { isArrayArg, queryArgValue, queryRequestText } from './queryCall';
export { analyzeSql, codeTokens, memoizedSandboxRefusal, memoizedSqlAnalysis, isKeyword, oracleToSqlite, resolveSqlAlias, sandboxRefusal, sqlTokenAt, tokenizeSql, translationArgs, UnsupportedSql, unquote, type SelectList, type SqlAnalysis, type SqlBind, type SqlColumnReference, type SqlTableReference, type SqlToken, type SqlTokenKind } from './sql';
export { checkPlugin, fetchPluginCatalog, grantFix, missingGrants, pluginCatalog, pluginChecks, tablesNamedBy, type CatalogTableColumns, type CheckContext, type MissingGrant, type PluginCatalog, type PluginCheckOptions } from './checks';
export { completeInPlugin, type PluginSchemaSource } from './assist/complete';
export { hoverInPlugin } from './assist/hover';
export { scaffoldPlugin } from './scaffold';
