import { join } from 'node:path';
import { EnvironmentSet, layerOf, readEnvironmentLayer, type EnvironmentLayer, type EnvironmentOrigin, type EnvironmentProblem } from './environments';

export interface EnvironmentLocations {
  /** The workspace root (or the CLI's working folder). */
  readonly root?: string;
  /** The folder of the `.psreq` file. */
  readonly directory: string;
  /** REST Client's `rest-client.environmentVariables`, as VS Code settings hold it. */
  readonly restClientSettings?: unknown;
}

/** The files read, lowest precedence first: a later one wins. */
const fileNames: readonly [EnvironmentOrigin, string][] = [
  ['.env', '.env'],
  ['http-client.env.json', 'http-client.env.json'],
  ['http-client.private.env.json', 'http-client.private.env.json'],
];

/**
 * The environments for a `.psreq` file: REST Client's settings, then the files at the workspace
 * root, then those next to the file. `readFile` answers undefined for a file that is not there.
 */
export async function loadEnvironments(locations: EnvironmentLocations, readFile: (path: string) => Promise<string | undefined>): Promise<{ environments: EnvironmentSet; problems: EnvironmentProblem[] }> {
  const layers: EnvironmentLayer[] = [];
  const problems: EnvironmentProblem[] = [];
  const add = (read: { layer?: EnvironmentLayer; problems: EnvironmentProblem[] }) => {
    if (read.layer) layers.push(read.layer);
    problems.push(...read.problems);
  };
  if (locations.restClientSettings !== undefined) add(layerOf('rest-client-settings', 'rest-client.environmentVariables', locations.restClientSettings));
  const folders = [...new Set([locations.root, locations.directory].filter((folder): folder is string => folder !== undefined))];
  for (const folder of folders) {
    for (const [origin, name] of fileNames) {
      const path = join(folder, name);
      const text = await readFile(path);
      if (text !== undefined) add(readEnvironmentLayer(origin, path, text));
    }
  }
  return { environments: new EnvironmentSet(layers), problems };
}
