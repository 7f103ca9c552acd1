import { bestTemplateMatch, compilePathTemplate, matchPathTemplate, type CompiledTemplate } from '../../core/endpoints';
import { errorResponse, type Handler, type SandboxRequest, type SandboxResponse } from './types';

interface Route {
  readonly method: string;
  readonly template: CompiledTemplate;
  readonly handler: Handler;
}

/**
 * Method + path-template routing, matched as the editor's endpoint catalog matches paths (one
 * rule in core): the template with the most literal segments wins; a known path with the wrong
 * method gets 405 with `Allow`.
 */
export class Router {
  private readonly routes: Route[] = [];
  /** The routes of each method, templates split once when added: every request is matched against them. */
  private readonly byMethod = new Map<string, Route[]>();

  add(method: string, template: string, handler: Handler): this {
    const route = { method, template: compilePathTemplate(template), handler };
    this.routes.push(route);
    this.byMethod.set(method, [...(this.byMethod.get(method) ?? []), route]);
    return this;
  }

  async handle(request: Omit<SandboxRequest, 'params'>): Promise<SandboxResponse> {
    const found = bestTemplateMatch(this.byMethod.get(request.method) ?? [], (route) => route.template, request.path);
    if (found) {
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(found.match.params)) params[name] = safeDecode(value);
      return found.candidate.handler({ ...request, params });
    }
    const allowed = this.routes.filter((route) => matchPathTemplate(route.template, request.path)).map((route) => route.method);
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
