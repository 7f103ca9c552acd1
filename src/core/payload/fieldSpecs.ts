import { schemaDatePattern } from './dates';

/**
 * The student schema is the one source of field facts: the rules read PowerSchool's
 * actions (x-ps-actions), columns (x-ps-column), lengths and formats from it instead of
 * keeping a second list that could drift.
 */
export interface FieldSpec {
  /** Dotted path below the student, e.g. `name.last_name`. */
  readonly path: string;
  readonly segments: readonly string[];
  readonly actions?: readonly string[];
  readonly column?: string;
  readonly maxLength?: number;
  /** A date field: YYYY-MM-DD, or "" to clear it. */
  readonly isDate: boolean;
  readonly isObject: boolean;
  readonly children: readonly string[];
  readonly childSpecs: readonly FieldSpec[];
  /** Whether this field or one below it is read-only or not writable by INSERT / by UPDATE. */
  readonly flaggedOn: { readonly INSERT: boolean; readonly UPDATE: boolean };
  /** `childSpecs` narrowed to those `flaggedOn` an action (`unknown`: on both), so a record walks only these. */
  readonly flaggedChildren: FlaggedSpecs;
}

export interface FlaggedSpecs {
  readonly INSERT: readonly FieldSpec[];
  readonly UPDATE: readonly FieldSpec[];
  readonly unknown: readonly FieldSpec[];
}

function flaggedOf(specs: readonly FieldSpec[]): FlaggedSpecs {
  return {
    INSERT: specs.filter((spec) => spec.flaggedOn.INSERT),
    UPDATE: specs.filter((spec) => spec.flaggedOn.UPDATE),
    unknown: specs.filter((spec) => spec.flaggedOn.INSERT && spec.flaggedOn.UPDATE),
  };
}

type SchemaNode = Record<string, unknown>;

export interface StudentFieldSpecs {
  readonly byPath: ReadonlyMap<string, FieldSpec>;
  /** Date fields, for the calendar check. */
  readonly dateFields: readonly FieldSpec[];
  readonly topLevelSpecs: readonly FieldSpec[];
  readonly topLevelFlagged: FlaggedSpecs;
}

function resolve(root: SchemaNode, node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return node;
  const definitions = root.definitions as Record<string, SchemaNode>;
  return definitions[ref.slice('#/definitions/'.length)] ?? node;
}

/** Walks `definitions.student` of the student POST schema; stops at `_extension_data`. */
export function buildStudentFieldSpecs(schema: object): StudentFieldSpecs {
  const root = schema as SchemaNode;
  const byPath = new Map<string, FieldSpec>();
  const dateFields: FieldSpec[] = [];
  const student = (root.definitions as Record<string, SchemaNode>).student!;

  const walk = (node: SchemaNode, segments: string[]): FieldSpec[] => {
    const properties = (node.properties ?? {}) as Record<string, SchemaNode>;
    const specs: FieldSpec[] = [];
    for (const name of Object.keys(properties)) {
      const child = resolve(root, properties[name]!);
      const childSegments = [...segments, name];
      const isObject = child.type === 'object';
      const childSpecs = isObject && name !== '_extension_data' ? walk(child, childSegments) : [];
      const actions = child['x-ps-actions'] as string[] | undefined;
      const flags = (action: string): boolean =>
        (actions !== undefined && (actions.includes('READ') || !actions.includes(action))) || childSpecs.some((spec) => spec.flaggedOn[action as 'INSERT']);
      const spec: FieldSpec = {
        path: childSegments.join('.'),
        segments: childSegments,
        actions,
        column: child['x-ps-column'] as string | undefined,
        maxLength: child.maxLength as number | undefined,
        isDate: child.pattern === schemaDatePattern,
        isObject,
        children: childSpecs.map((childSpec) => childSpec.segments[childSpec.segments.length - 1]!),
        childSpecs,
        flaggedOn: { INSERT: flags('INSERT'), UPDATE: flags('UPDATE') },
        flaggedChildren: flaggedOf(childSpecs),
      };
      byPath.set(spec.path, spec);
      if (spec.isDate) dateFields.push(spec);
      specs.push(spec);
    }
    return specs;
  };
  const topLevelSpecs = walk(student, []);
  return { byPath, dateFields, topLevelSpecs, topLevelFlagged: flaggedOf(topLevelSpecs) };
}
