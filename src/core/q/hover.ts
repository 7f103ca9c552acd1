import { findField, type FieldCatalog } from './catalog/types';
import { closestName } from '../text';
import { fieldMarkdown } from './docs';
import { NAMED_STATUS_CODES, isEnrollStatusLetterField, statusForLetter } from '../schema';
import { OPERATOR_DOCS, parseQ } from './parse';
import type { QDialect, QSpan, QTerm } from './types';
import { checkDate } from './values';

export interface QHover {
  start: number;
  end: number;
  markdown: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Spans are end-exclusive; a cursor just after the last character still hovers it. */
function covers(span: QSpan, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

function hoverIn(term: QTerm, offset: number, catalog: FieldCatalog, match: (span: QSpan, offset: number) => boolean): QHover | undefined {
  const field = findField(catalog, term.field.name);
  if (term.field.name && match(term.field, offset)) {
    if (field) return { start: term.field.start, end: term.field.end, markdown: fieldMarkdown(field) };
    const suggestion = closestName(term.field.name, catalog.fields.map((f) => f.name));
    return {
      start: term.field.start,
      end: term.field.end,
      markdown: `**${term.field.name}** — unknown field for ${catalog.title}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
    };
  }
  const operator = term.operator;
  if (operator && match(operator, offset)) {
    const doc = operator.known ? OPERATOR_DOCS[operator.known] : 'not a q operator: use ==, =gt=, =ge=, =lt= or =le=';
    return { start: operator.start, end: operator.end, markdown: `\`${operator.op}\` — ${doc}` };
  }
  for (const value of term.values) {
    if (!match(value, offset)) continue;
    const lines: string[] = [];
    const allowed = field?.allowedValues?.find((v) => v.value.toLowerCase() === value.text.toLowerCase());
    const status = isEnrollStatusLetterField(term.field.name) ? statusForLetter(value.text) : undefined;
    if (status) {
      lines.push(`\`${value.text}\` — ${status.meaning}: ${status.code === undefined ? `any enroll_status_code other than ${NAMED_STATUS_CODES.join(', ')}` : `enroll_status_code ${status.code}`}`);
    } else if (allowed) {
      lines.push(`\`${value.text}\` — ${allowed.meaning}`);
    } else if (value.isNull) {
      lines.push('null (PowerQuery `$q`): matches empty values');
    } else if (field?.type === 'date' && checkDate(value.text).kind === 'ok') {
      const weekday = WEEKDAYS[new Date(`${value.text}T00:00:00Z`).getUTCDay()];
      lines.push(`\`${value.text}\` — ${weekday}`);
    } else if (value.wildcard) {
      lines.push(`\`${value.text}\` — \`*\` matches any run of characters, case-insensitively`);
    } else {
      lines.push(`\`${value.text}\`${field ? ` — a ${field.type} value of ${field.name}` : ''}`);
    }
    return { start: value.start, end: value.end, markdown: lines.join('\n') };
  }
  return undefined;
}

/** What the field, operator or value at `offset` means, or undefined elsewhere. */
export function hoverQ(text: string, offset: number, catalog: FieldCatalog, dialect: QDialect = 'v1'): QHover | undefined {
  const { expression } = parseQ(text, { dialect });
  for (const term of expression.terms) {
    const hover = hoverIn(term, offset, catalog, covers);
    if (hover) return hover;
  }
  for (const term of expression.terms) {
    const hover = hoverIn(term, offset, catalog, (span, at) => span.end === at && span.end > span.start);
    if (hover) return hover;
  }
  return undefined;
}
