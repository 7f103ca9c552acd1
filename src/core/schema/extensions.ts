import { isObject } from './json';

/**
 * Extension table names from a list answer's `@extensions` (`"u_a,u_b"`, as GET
 * /ws/v1/district/student and GET /ws/schema/table/students send it); undefined when it has none.
 */
export function extensionNamesOf(body: unknown): string[] | undefined {
  const holder = isObject(body) && isObject(body.students) ? body.students : body;
  if (!isObject(holder) || typeof holder['@extensions'] !== 'string') return undefined;
  return holder['@extensions'].split(',').map((name) => name.trim()).filter((name) => /^[A-Za-z][A-Za-z0-9_]*$/.test(name));
}
