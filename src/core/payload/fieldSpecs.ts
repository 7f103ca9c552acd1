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
  readonly format?: string;
  readonly isObject: boolean;
  readonly children: readonly string[];
}

type SchemaNode = Record<string, unknown>;

export interface StudentFieldSpecs {
  readonly byPath: ReadonlyMap<string, FieldSpec>;
  /** Fields with `format: date`, for the calendar check. */
  readonly dateFields: readonly FieldSpec[];
  readonly topLevel: readonly string[];
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

  const walk = (node: SchemaNode, segments: string[]): string[] => {
    const properties = (node.properties ?? {}) as Record<string, SchemaNode>;
    const names = Object.keys(properties);
    for (const name of names) {
      const child = resolve(root, properties[name]!);
      const childSegments = [...segments, name];
      const isObject = child.type === 'object';
      const children = isObject && name !== '_extension_data' ? walk(child, childSegments) : [];
      const spec: FieldSpec = {
        path: childSegments.join('.'),
        segments: childSegments,
        actions: child['x-ps-actions'] as string[] | undefined,
        column: child['x-ps-column'] as string | undefined,
        maxLength: child.maxLength as number | undefined,
        format: child.format as string | undefined,
        isObject,
        children,
      };
      byPath.set(spec.path, spec);
      if (spec.format === 'date') dateFields.push(spec);
    }
    return names;
  };
  const topLevel = walk(student, []);
  return { byPath, dateFields, topLevel };
}
