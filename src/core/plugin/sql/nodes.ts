// Tokens nested by parentheses, as the Oracle → SQLite rewrite reads them, and the few ways it looks at them.
import type { SqlToken } from './tokens';

export type SqlNode = { readonly kind: 'token'; readonly token: SqlToken } | { readonly kind: 'group'; readonly open: SqlToken; readonly children: readonly SqlNode[] };

/** An unquoted word, upper-cased; undefined for anything else. */
export const upper = (node: SqlNode | undefined): string | undefined => (node?.kind === 'token' && node.token.kind === 'word' ? node.token.text.toUpperCase() : undefined);
export const isGroup = (node: SqlNode | undefined): node is Extract<SqlNode, { kind: 'group' }> => node?.kind === 'group';
export const firstToken = (node: SqlNode): SqlToken => (node.kind === 'token' ? node.token : node.open);

/** `(+)` as the tokenizer nests it: a group holding one `+`. */
export const isOuterJoinMark = (node: SqlNode): boolean =>
  node.kind === 'group' && node.children.length === 1 && node.children[0]!.kind === 'token' && node.children[0]!.token.text === '+';

/** The nodes between this level's commas. */
export function splitCommas(nodes: readonly SqlNode[]): SqlNode[][] {
  const parts: SqlNode[][] = [[]];
  for (const node of nodes) {
    if (node.kind === 'token' && node.token.text === ',') parts.push([]);
    else parts.at(-1)!.push(node);
  }
  return parts;
}
