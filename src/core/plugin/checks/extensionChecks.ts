import type { ExtensionTable, PluginFinding } from '../model';
import { finding } from '../readPlugin';
import type { CheckContext } from './context';

/** Field types of database extensions (plugin-corpus-facts.md: String, Boolean, Integer, Date, Clob; Double and Timestamp are PowerSchool's too). */
const fieldTypes = new Map(['String', 'Integer', 'Double', 'Boolean', 'Date', 'Timestamp', 'Clob'].map((type) => [type.toLowerCase(), type]));
const identifier = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Oracle's identifier limit before 12.2; PowerSchool servers may still run under it. */
const oracleNameLength = 30;
const maxStringLength = 4000;

/** Extension tables: names (U_…, identifiers, 30 characters), field names unique, types known, String lengths 1–4000. */
export function extensionChecks({ plugin }: CheckContext): PluginFinding[] {
  const findings: PluginFinding[] = [];
  const tables = new Map<string, ExtensionTable>();
  for (const extension of plugin.extensions) {
    const name = extension.name;
    if (name && !/^U_/i.test(name.value)) findings.push(finding(name.range, 'warning', 'extension-name', `extension name '${name.value}' does not start with U_: PowerSchool names plugin extensions U_… (every published one does)`));
    for (const table of extension.tables) {
      const tableName = table.source.attributes.dbTableName ?? table.source.attributes.name;
      if (tableName && table.name) {
        const range = tableName.valueRange;
        if (!identifier.test(table.name)) findings.push(finding(range, 'error', 'extension-name', `table name '${table.name}' must be a letter followed by letters, digits or '_' (it becomes an Oracle table)`));
        else if (!/^U_/i.test(table.name)) findings.push(finding(range, 'warning', 'extension-name', `table name '${table.name}' does not start with U_: PowerSchool expects plugin tables named U_…`));
        if (table.name.length > oracleNameLength) findings.push(finding(range, 'warning', 'extension-name', `table name '${table.name}' is ${table.name.length} characters: keep it to ${oracleNameLength} (Oracle's limit on older PowerSchool servers)`));
        const earlier = tables.get(table.name.toLowerCase());
        if (earlier) findings.push(finding(range, 'error', 'duplicate-table', `table ${table.name} is already defined in ${earlier.source.range.file}:${earlier.source.range.start.line + 1}: rename one`));
        else tables.set(table.name.toLowerCase(), table);
      }
      if (!table.coreTable && table.type?.toLowerCase() !== 'standalone') {
        findings.push(finding(table.source.startTagRange, 'warning', 'extension-table', `<extendedTable> has neither coreTable nor type="standalone": add coreTable="STUDENTS" (the table it extends) or type="standalone"`));
      }
      const fields = new Set<string>();
      for (const field of table.fields) {
        const nameAttribute = field.source.attributes.name;
        if (nameAttribute && field.name) {
          if (!identifier.test(field.name)) findings.push(finding(nameAttribute.valueRange, 'error', 'extension-field', `field name '${field.name}' must be a letter followed by letters, digits or '_' (it becomes an Oracle column)`));
          else if (field.name.length > oracleNameLength) findings.push(finding(nameAttribute.valueRange, 'warning', 'extension-field', `field name '${field.name}' is ${field.name.length} characters: keep it to ${oracleNameLength} (Oracle's limit on older PowerSchool servers)`));
          if (fields.has(field.name.toLowerCase())) findings.push(finding(nameAttribute.valueRange, 'error', 'extension-field', `field ${field.name} is defined twice in ${table.name}: rename or remove one`));
          fields.add(field.name.toLowerCase());
        }
        const typeAttribute = field.source.attributes.type;
        const type = field.type === undefined ? undefined : fieldTypes.get(field.type.toLowerCase());
        if (!typeAttribute) findings.push(finding(field.source.startTagRange, 'error', 'extension-field', `field ${field.name} has no type: add type="String" (or Integer, Double, Boolean, Date, Timestamp, Clob)`));
        else if (!type) findings.push(finding(typeAttribute.valueRange, 'error', 'extension-field', `field type '${field.type}' is not one PowerSchool knows: write String, Integer, Double, Boolean, Date, Timestamp or Clob`));
        else if (type !== field.type) findings.push(finding(typeAttribute.valueRange, 'info', 'extension-field', `write type="${type}" as PowerSchool's files do (a published plugin uses '${field.type}', so this case is likely accepted)`));
        const lengthAttribute = field.source.attributes.length;
        if (type === 'String') {
          const length = Number(field.length);
          if (!lengthAttribute) findings.push(finding(field.source.startTagRange, 'warning', 'extension-field', `String field ${field.name} has no length: add length="…" (1 to ${maxStringLength} characters; every published String field has one)`));
          else if (!/^\d+$/.test(field.length!.trim()) || length < 1) findings.push(finding(lengthAttribute.valueRange, 'error', 'extension-field', `length must be a whole number of characters from 1 to ${maxStringLength}, found '${field.length}'`));
          else if (length > maxStringLength) findings.push(finding(lengthAttribute.valueRange, 'error', 'extension-field', `length ${length} is over ${maxStringLength}, the longest String PowerSchool stores: use type="Clob" for longer text`));
        }
      }
    }
  }
  return findings;
}
