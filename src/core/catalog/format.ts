import type { ColumnInfo } from '../schema';
import type { PowerQueryArg } from './types';

/** `VARCHAR2(50)`, `NUMBER(10)`, `DATE`: the type as a data dictionary writes it. */
export function columnTypeText(column: Pick<ColumnInfo, 'type' | 'length'>): string {
  return column.length !== undefined ? `${column.type}(${column.length})` : column.type;
}

/** `array · required` */
export function argumentText(arg: PowerQueryArg): string {
  return `${arg.type}${arg.required ? ' · required' : ''}`;
}

export function nullabilityText(nullable: boolean | undefined): string {
  return nullable === undefined ? 'not reported' : nullable ? 'yes' : 'no (NOT NULL)';
}
