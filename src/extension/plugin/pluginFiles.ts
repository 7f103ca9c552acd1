import type * as vscode from 'vscode';

/**
 * The files of a plugin the editor checks and assists, by path: the XML files core's
 * pluginFileKind reads (plugin.xml, and any XML under queries_root/, permissions_root/ or
 * user_schema_root/; real query file names are free-form, plugin-corpus-facts.md). Whatever
 * language the file opened as.
 */
export const pluginFileSelector: vscode.DocumentSelector = [
  { pattern: '**/plugin.xml' },
  { pattern: '**/queries_root/**/*.xml' },
  { pattern: '**/permissions_root/**/*.xml' },
  { pattern: '**/user_schema_root/**/*.xml' },
];

/** The same files as one glob, relative to a plugin folder (finding them, watching them); web_root is packaged, not read. */
export const modelFiles = '{plugin.xml,queries_root/**/*.xml,permissions_root/**/*.xml,user_schema_root/**/*.xml}';

/** Characters after which plugin XML completion has something to offer: a quote, a dot, a space in SQL. */
export const pluginTriggerCharacters = ['"', "'", '.', ' ', '>'];
