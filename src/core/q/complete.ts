import { findField, type CatalogField, type FieldCatalog } from './catalog/types';
import { fieldDetail, fieldMarkdown } from './docs';
import { OPERATOR_DOCS, knownOperator } from './parse';
import { tokenizeQ } from './tokenize';
import type { QDialect, QOperator, QToken } from './types';

// Completion at any offset of q text: field names at the start of a term, operators after a
// field, values (with their meaning) and a date snippet after an operator. The item's
// replaceStart..replaceEnd is the text it replaces; insertText uses snippet syntax
// (`${1:YYYY}`) only when kind is 'snippet'.

export interface QCompletionItem {
  label: string;
  kind: 'field' | 'operator' | 'value' | 'snippet';
  insertText: string;
  detail: string;
  documentation: string;
  replaceStart: number;
  replaceEnd: number;
  /** Orders items: documented fields before others, values in catalog order. */
  sortText: string;
}

export interface CompleteQOptions {
  /** Today's date as `YYYY-MM-DD`, offered as a value for date fields (core does not read the clock). */
  today?: string;
}

export interface QCompletions {
  items: QCompletionItem[];
}

type Context =
  | { kind: 'field'; start: number; end: number; exactField?: string }
  | { kind: 'operator'; start: number; end: number; field?: string }
  | { kind: 'value'; start: number; end: number; field?: string; inList: boolean }
  | { kind: 'none' };

const ALL_OPERATORS: readonly QOperator[] = ['==', '=gt=', '=ge=', '=lt=', '=le=', '!='];

function isLetters(text: string): boolean {
  return /^[A-Za-z]*$/.test(text);
}

/** Walks back from index `i` over a value/list to the operator of the term; returns its index. */
function operatorIndexBefore(tokens: QToken[], i: number): number {
  for (let j = i; j >= 0; j--) {
    const kind = tokens[j].kind;
    if (kind === 'operator') return j;
    if (kind === 'semicolon' || kind === 'field' || kind === 'rparen') return -1;
  }
  return -1;
}

function fieldBefore(tokens: QToken[], operatorIndex: number): string | undefined {
  const previous = tokens[operatorIndex - 1];
  return previous?.kind === 'field' ? previous.text : undefined;
}

function findContext(text: string, offset: number): Context {
  const tokens = tokenizeQ(text).filter((t) => t.kind !== 'whitespace');
  const currentIndex = tokens.findIndex((t) => t.start < offset && offset <= t.end);
  const next = tokens.find((t) => t.start === offset);
  const current = tokens[currentIndex];
  if (current) {
    switch (current.kind) {
      case 'field':
        return { kind: 'field', start: current.start, end: current.end, exactField: offset === current.end ? current.text : undefined };
      case 'operator': {
        const field = fieldBefore(tokens, currentIndex);
        if (knownOperator(current.text.toLowerCase()) && offset === current.end) {
          const value = next?.kind === 'value' ? next : undefined;
          return { kind: 'value', start: offset, end: value?.end ?? offset, field, inList: false };
        }
        return { kind: 'operator', start: current.start, end: current.end, field };
      }
      case 'value': {
        const opIndex = operatorIndexBefore(tokens, currentIndex);
        const op = tokens[opIndex];
        if (op && tokens[currentIndex - 1] === op && !knownOperator(op.text.toLowerCase()) && isLetters(text.slice(current.start, offset))) {
          // `a=g|`: the user is still typing an operator such as =gt=.
          return { kind: 'operator', start: op.start, end: isLetters(current.text) ? current.end : offset, field: fieldBefore(tokens, opIndex) };
        }
        const inList = tokens[currentIndex - 1]?.kind === 'lparen' || tokens[currentIndex - 1]?.kind === 'comma';
        return { kind: 'value', start: current.start, end: current.end, field: opIndex >= 0 ? fieldBefore(tokens, opIndex) : undefined, inList };
      }
      case 'lparen':
      case 'comma': {
        const opIndex = operatorIndexBefore(tokens, currentIndex);
        if (opIndex < 0) return { kind: 'field', start: offset, end: next?.kind === 'field' ? next.end : offset };
        const value = next?.kind === 'value' ? next : undefined;
        return { kind: 'value', start: offset, end: value?.end ?? offset, field: fieldBefore(tokens, opIndex), inList: true };
      }
      case 'semicolon':
        return { kind: 'field', start: offset, end: next?.kind === 'field' ? next.end : offset };
      case 'whitespace':
      case 'rparen':
        return { kind: 'none' };
    }
  }
  // The cursor is at the very start or after whitespace: look at what precedes it.
  let previousIndex = -1;
  for (let i = 0; i < tokens.length && tokens[i].end <= offset; i++) previousIndex = i;
  const previous = tokens[previousIndex];
  if (!previous || previous.kind === 'semicolon') {
    return { kind: 'field', start: offset, end: next?.kind === 'field' ? next.end : offset };
  }
  if (previous.kind === 'field') return { kind: 'operator', start: offset, end: next?.kind === 'operator' ? next.end : offset, field: previous.text };
  if (previous.kind === 'operator' && knownOperator(previous.text.toLowerCase())) {
    return { kind: 'value', start: offset, end: next?.kind === 'value' ? next.end : offset, field: fieldBefore(tokens, previousIndex), inList: false };
  }
  if (previous.kind === 'lparen' || previous.kind === 'comma') {
    const opIndex = operatorIndexBefore(tokens, previousIndex);
    if (opIndex >= 0) return { kind: 'value', start: offset, end: next?.kind === 'value' ? next.end : offset, field: fieldBefore(tokens, opIndex), inList: true };
  }
  return { kind: 'none' };
}

function fieldItems(catalog: FieldCatalog, start: number, end: number): QCompletionItem[] {
  return catalog.fields.map((field, index) => ({
    label: field.name,
    kind: 'field',
    insertText: field.name,
    detail: fieldDetail(field),
    documentation: fieldMarkdown(field),
    replaceStart: start,
    replaceEnd: end,
    sortText: `${field.documented === false ? 1 : 0}${String(index).padStart(4, '0')}`,
  }));
}

function operatorItems(field: CatalogField | undefined, dialect: QDialect, start: number, end: number): QCompletionItem[] {
  return ALL_OPERATORS.filter((op) => op !== '!=' || dialect === 'powerquery').map((op, index) => {
    const ordering = op !== '==' && op !== '!=';
    const typeNote = field && ordering ? (field.type === 'string' ? ' (compares text alphabetically)' : field.type === 'date' ? ' (earlier/later date)' : '') : '';
    return {
      label: op,
      kind: 'operator',
      insertText: op,
      detail: OPERATOR_DOCS[op] + typeNote,
      documentation: `\`${field?.name ?? 'field'}${op}value\` — ${OPERATOR_DOCS[op]}${typeNote}`,
      replaceStart: start,
      replaceEnd: end,
      sortText: String(index),
    };
  });
}

function valueItems(field: CatalogField, context: { start: number; end: number; inList: boolean }, options: CompleteQOptions): QCompletionItem[] {
  const items: QCompletionItem[] = [];
  const { start, end } = context;
  (field.allowedValues ?? []).forEach((v, index) => {
    items.push({
      label: v.value,
      kind: 'value',
      insertText: v.value,
      detail: v.meaning,
      documentation: `\`${field.name}==${v.value}\` — ${v.meaning}`,
      replaceStart: start,
      replaceEnd: end,
      sortText: `0${String(index).padStart(4, '0')}`,
    });
  });
  if (field.allowedValues && field.allowedValues.length >= 2 && !context.inList) {
    const [a, b] = field.allowedValues;
    items.push({
      label: `(${a.value},${b.value})`,
      kind: 'snippet',
      insertText: `(\${1:${a.value}},\${2:${b.value}})`,
      detail: 'in-list: any of several values',
      documentation: `\`${field.name}==(${a.value},${b.value})\` matches ${a.meaning} or ${b.meaning}.`,
      replaceStart: start,
      replaceEnd: end,
      sortText: '1',
    });
  }
  if (field.type === 'date') {
    items.push({
      label: 'YYYY-MM-DD',
      kind: 'snippet',
      insertText: '${1:YYYY}-${2:MM}-${3:DD}',
      detail: 'date',
      documentation: `Dates in q are written \`YYYY-MM-DD\`, e.g. \`${field.name}=gt=2017-08-01\`.`,
      replaceStart: start,
      replaceEnd: end,
      sortText: '0',
    });
    if (options.today) {
      items.push({
        label: options.today,
        kind: 'value',
        insertText: options.today,
        detail: 'today',
        documentation: `Today, ${options.today}.`,
        replaceStart: start,
        replaceEnd: end,
        sortText: '1',
      });
    }
  }
  if (field.type === 'string' && !field.allowedValues) {
    items.push({
      label: 'prefix*',
      kind: 'snippet',
      insertText: '${1:prefix}*',
      detail: 'wildcard: starts with',
      documentation: '`*` matches any run of characters, case-insensitively (with `==`).',
      replaceStart: start,
      replaceEnd: end,
      sortText: '2',
    });
  }
  return items;
}

/** The other values of the in-list holding [start, end): from its `(` to its `)` or the term's end. */
function listedValues(text: string, start: number, end: number, caseInsensitive: boolean): Set<string> {
  const tokens = tokenizeQ(text);
  const values = new Set<string>();
  let open = -1;
  for (let i = 0; i < tokens.length && tokens[i].start < start; i++) {
    if (tokens[i].kind === 'lparen') open = i;
    if (tokens[i].kind === 'semicolon' || tokens[i].kind === 'rparen') open = -1;
  }
  if (open < 0) return values;
  for (let i = open + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'rparen' || token.kind === 'semicolon') break;
    if (token.kind !== 'value' || (token.start <= end && token.end >= start)) continue;
    const value = token.text.trim();
    values.add(caseInsensitive ? value.toLowerCase() : value);
  }
  return values;
}

/** Completion items at `offset` in q text (0 ≤ offset ≤ text.length). */
export function completeQ(
  text: string,
  offset: number,
  catalog: FieldCatalog,
  dialect: QDialect = 'v1',
  options: CompleteQOptions = {},
): QCompletions {
  const at = Math.max(0, Math.min(text.length, Math.trunc(Number.isFinite(offset) ? offset : 0)));
  const context = findContext(text, at);
  switch (context.kind) {
    case 'field': {
      const items = fieldItems(catalog, context.start, context.end);
      const exact = context.exactField !== undefined ? findField(catalog, context.exactField) : undefined;
      if (exact) items.push(...operatorItems(exact, dialect, at, at));
      return { items };
    }
    case 'operator':
      return { items: operatorItems(context.field ? findField(catalog, context.field) : undefined, dialect, context.start, context.end) };
    case 'value': {
      const field = context.field ? findField(catalog, context.field) : undefined;
      if (!field) return { items: [] };
      const items = valueItems(field, context, options);
      if (!context.inList) return { items };
      // In an in-list, values already listed are not offered again.
      const listed = listedValues(text, context.start, context.end, field.valuesCaseInsensitive === true);
      return { items: items.filter((item) => item.kind !== 'value' || !listed.has(field.valuesCaseInsensitive ? item.label.toLowerCase() : item.label)) };
    }
    case 'none':
      return { items: [] };
  }
}
