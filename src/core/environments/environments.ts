import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseDotenv } from './dotenv';

/** Where environment variables come from, lowest precedence first within each kind. */
export type EnvironmentOrigin = 'rest-client-settings' | 'http-client.env.json' | 'http-client.private.env.json' | '.env';

/** One file's environments: `$shared` plus named ones, each a map of variable → value. */
export interface EnvironmentLayer {
  readonly origin: EnvironmentOrigin;
  /** The file (or settings scope) it came from, for messages. */
  readonly source: string;
  readonly environments: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface EnvironmentProblem {
  readonly source: string;
  readonly message: string;
}

/** The reserved key an environment pins its PowerSchool connection with: `"$connection": "Local sandbox"`. */
export const connectionKey = '$connection';
/** The name of the embedded sandbox's connection: the extension lists it so, and an environment pins it so. */
export const localSandboxName = 'Local sandbox';
const sharedName = '$shared';

/**
 * The environments a `.psreq` file can use: REST Client's `rest-client.environmentVariables`,
 * httpyac/IntelliJ `http-client.env.json` (+ `http-client.private.env.json`) and `.env` files.
 * For one environment, every layer's `$shared` values come first and its own values win over
 * them; later layers win over earlier ones (private over public, the file's folder over the
 * workspace root). `.env` values are plain variables under everything else (as httpyac reads them)
 * and what `{{$dotenv NAME}}` reads.
 */
export class EnvironmentSet {
  constructor(private readonly layers: readonly EnvironmentLayer[]) {}

  static readonly empty = new EnvironmentSet([]);

  /** Names to choose from, in the order first seen, `$shared` left out. */
  get names(): string[] {
    const names = new Set<string>();
    for (const layer of this.layers) for (const name of Object.keys(layer.environments)) if (name !== sharedName && layer.origin !== '.env') names.add(name);
    return [...names];
  }

  /** The `.env` values (later files win). */
  get dotenv(): Record<string, string> {
    const values: Record<string, string> = {};
    for (const layer of this.layers) if (layer.origin === '.env') Object.assign(values, layer.environments[sharedName]);
    return values;
  }

  /** Every variable of `name` (undefined: only the shared ones), `$connection` left out. */
  variables(name: string | undefined): Record<string, string> {
    const shared: Record<string, string> = { ...this.dotenv };
    const own: Record<string, string> = {};
    for (const layer of this.layers) {
      if (layer.origin === '.env') continue;
      Object.assign(shared, layer.environments[sharedName]);
      if (name !== undefined && name !== sharedName) Object.assign(own, layer.environments[name]);
    }
    const merged = { ...shared, ...own };
    delete merged[connectionKey];
    // REST Client's `{{$shared name}}` inside an environment's value reads the shared value.
    for (const [key, value] of Object.entries(merged)) merged[key] = value.replace(/\{\{\s*\$shared\s+([^\s}]+)\s*\}\}/g, (whole, variable: string) => shared[variable] ?? whole);
    return merged;
  }

  /** The PowerSchool connection `name` pins, if it does. */
  connectionOf(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    let pinned: string | undefined;
    for (const layer of this.layers) pinned = layer.environments[name]?.[connectionKey] ?? pinned;
    return pinned;
  }

  /** Environments (not `$shared`) that define `variable`. */
  definedIn(variable: string): string[] {
    return this.names.filter((name) => this.layers.some((layer) => layer.origin !== '.env' && layer.environments[name]?.[variable] !== undefined));
  }

  /** Whether `variable` is defined for everyone (`$shared` or a `.env` file). */
  isShared(variable: string): boolean {
    return this.layers.some((layer) => layer.environments[sharedName]?.[variable] !== undefined);
  }
}

/** Reads one environments file's text into a layer; problems name the file. */
export function readEnvironmentLayer(origin: EnvironmentOrigin, source: string, text: string): { layer?: EnvironmentLayer; problems: EnvironmentProblem[] } {
  if (origin === '.env') return { layer: { origin, source, environments: { [sharedName]: parseDotenv(text) } }, problems: [] };
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) return { problems: [{ source, message: `${source} is not valid JSON (${printParseErrorCode(errors[0]!.error)} at offset ${errors[0]!.offset})` }] };
  return layerOf(origin, source, value);
}

/** REST Client's `rest-client.environmentVariables` setting (already parsed) as a layer. */
export function layerOf(origin: EnvironmentOrigin, source: string, value: unknown): { layer?: EnvironmentLayer; problems: EnvironmentProblem[] } {
  if (!isObject(value)) return { problems: [{ source, message: `${source} must hold an object of environments, e.g. {"dev": {"host": "…"}}` }] };
  const problems: EnvironmentProblem[] = [];
  const environments: Record<string, Record<string, string>> = {};
  for (const [name, variables] of Object.entries(value)) {
    if (name === '$schema') continue;
    if (!isObject(variables)) {
      problems.push({ source, message: `${source}: environment '${name}' must be an object of variables` });
      continue;
    }
    // Numbers and booleans are written as text; objects as JSON (httpyac allows them).
    environments[name] = Object.fromEntries(Object.entries(variables).map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]));
  }
  return { layer: { origin, source, environments }, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Names whose values are masked when shown and asked for (`# @prompt`) like a password. */
export function isSecretName(name: string): boolean {
  return /secret|passw(or)?d|token|api[-_]?key|credential/i.test(name);
}

/** One environment chosen for a file: its variables, and what lint and Send need from the rest. */
export interface ChosenEnvironment {
  /** Undefined: no environment chosen, only the shared values apply. */
  readonly name: string | undefined;
  readonly variables: Readonly<Record<string, string>>;
  readonly dotenv: Readonly<Record<string, string>>;
  /** The connection the environment pins, by name. */
  readonly connection: string | undefined;
  /** The other environments that define `variable`. */
  readonly definedIn: (variable: string) => readonly string[];
}

export function chooseEnvironment(set: EnvironmentSet, name: string | undefined): ChosenEnvironment {
  return {
    name,
    variables: set.variables(name),
    dotenv: set.dotenv,
    connection: set.connectionOf(name),
    definedIn: (variable) => set.definedIn(variable).filter((other) => other !== name),
  };
}

/** A value as completion and hover show it: secrets masked. */
export function shownValue(name: string, value: string): string {
  return isSecretName(name) ? '••••••' : value;
}
