import { runMochaIn } from '../../integration/support/runMocha';

// Entry point named by extensionTestsPath when `responseView.bench` launches VS Code: the
// measurements run inside the extension host, where the response view lives.
export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
