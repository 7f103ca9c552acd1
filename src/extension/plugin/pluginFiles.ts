import type * as vscode from 'vscode';

/**
 * The files of a plugin the editor checks and assists, by path (plugin-corpus-facts.md: query
 * files end in `named_queries.xml`, one is named just that; mappings in `permission_mappings.xml`;
 * extension tables are any XML under `user_schema_root/`). Whatever language the file opened as.
 */
export const pluginFileSelector: vscode.DocumentSelector = [
  { pattern: '**/plugin.xml' },
  { pattern: '**/*named_queries.xml' },
  { pattern: '**/*permission_mappings.xml' },
  { pattern: '**/user_schema_root/**/*.xml' },
];

/** Characters after which plugin XML completion has something to offer: a quote, a dot, a space in SQL. */
export const pluginTriggerCharacters = ['"', "'", '.', ' ', '>'];
