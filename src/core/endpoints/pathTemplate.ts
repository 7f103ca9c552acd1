// How a request path is matched against an endpoint template such as `/ws/schema/table/{table}/{id}`:
// the one rule the editor's endpoint catalog, the payload checks and the sandbox's router share.

/** The non-empty segments of a path or template (`//` and a trailing `/` add none). */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/** `table` for the template segment `{table}`, undefined for a literal one. */
export function placeholderName(segment: string): string | undefined {
  return /^\{(\w+)\}$/.exec(segment)?.[1];
}

export interface TemplateMatch {
  /** Placeholder name → the path segment filling it, as written (not percent-decoded). */
  readonly params: Readonly<Record<string, string>>;
  /** How many literal segments matched: where two templates match, the one with more wins. */
  readonly literals: number;
}

/** A template split once: literal segments lower-cased, placeholders by name. */
export interface CompiledTemplate {
  readonly template: string;
  readonly parts: readonly { readonly literal?: string; readonly name?: string }[];
}

export function compilePathTemplate(template: string): CompiledTemplate {
  return { template, parts: pathSegments(template).map((segment) => {
    const name = placeholderName(segment);
    return name ? { name } : { literal: segment.toLowerCase() };
  }) };
}

/** Whether `path` (no query string) fits `template`; literal segments compare case-insensitively. */
export function matchPathTemplate(template: string | CompiledTemplate, path: string): TemplateMatch | undefined {
  return matchSegments(compiled(template), pathSegments(path));
}

const compiled = (template: string | CompiledTemplate): CompiledTemplate => (typeof template === 'string' ? compilePathTemplate(template) : template);

function matchSegments({ parts }: CompiledTemplate, wanted: readonly string[]): TemplateMatch | undefined {
  if (parts.length !== wanted.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (part.name) params[part.name] = wanted[index]!;
    else if (part.literal === wanted[index]!.toLowerCase()) literals++;
    else return undefined;
  }
  return { params, literals };
}

/** The template among `candidates` that fits `path` best (most literal segments), with its match. */
export function bestTemplateMatch<T>(candidates: Iterable<T>, templateOf: (candidate: T) => string | CompiledTemplate, path: string): { readonly candidate: T; readonly match: TemplateMatch } | undefined {
  let best: { candidate: T; match: TemplateMatch } | undefined;
  const wanted = pathSegments(path);
  for (const candidate of candidates) {
    const template = templateOf(candidate);
    const match = matchSegments(compiled(template), wanted);
    if (match && (!best || match.literals > best.match.literals)) best = { candidate, match };
  }
  return best;
}
