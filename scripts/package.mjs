// `npm run package`: the production bundles, then the .vsix, with no network needed.
// VS Code's page of an installed extension shows README images only from https: (its webview's
// Content-Security-Policy is `img-src https: data:` and it sets no base URL), and the screenshots
// stay out of the .vsix (they would more than double it). So vsce rewrites the README's relative
// links to absolute ones under the repository package.json names: for GitHub and GitLab it
// derives them itself; for another host this script derives `<repository>/raw/HEAD` for images
// and `<repository>/blob/HEAD` for links.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { repository } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const repositoryUrl = (typeof repository === 'string' ? repository : repository?.url ?? '').replace(/\.git$/, '');

/** vsce's own guess covers GitHub and GitLab; anything else needs the base URLs spelled out. */
function baseUrlArguments(url) {
  if (!/^https:\/\//.test(url)) throw new Error(`package.json's repository must be an https:// URL (README images are linked under it), not '${url}'`);
  if (/^https:\/\/(github|gitlab)\.com\//.test(url)) return [];
  return ['--baseImagesUrl', `${url}/raw/HEAD`, '--baseContentUrl', `${url}/blob/HEAD`];
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// vsce builds the production bundles first (the vscode:prepublish script).
run(resolve(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', ...baseUrlArguments(repositoryUrl), '--out', 'powerschool-devtools.vsix']);
