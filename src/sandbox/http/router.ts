import { errorResponse, type Handler, type SandboxRequest, type SandboxResponse } from './types';

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: Handler;
}

/** Turns `/ws/v1/student/{id}` into a regular expression with named segments. */
function compile(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template.split('/').map((segment) => {
    const match = /^\{(\w+)\}$/.exec(segment);
    if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(match[1]!);
    return '([^/]+)';
  }).join('/');
  return { pattern: new RegExp(`^${source}$`, 'i'), names };
}

/** Method + path-template routing; a known path with the wrong method gets 405 with `Allow`. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const { pattern, names } = compile(template);
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  async handle(request: Omit<SandboxRequest, 'params'>): Promise<SandboxResponse> {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const match = route.pattern.exec(request.path);
      if (!match) continue;
      if (route.method !== request.method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => (params[name] = safeDecode(match[index + 1]!)));
      return route.handler({ ...request, params });
    }
    if (allowed.length) {
      return errorResponse(405, `Method ${request.method} is not allowed on ${request.path}`, undefined, { Allow: [...new Set(allowed)].join(', ') });
    }
    return errorResponse(404, `No resource at ${request.path}`);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
