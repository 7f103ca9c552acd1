import { runMochaIn } from './support/runMocha';

// Entry point named by extensionTestsPath: VS Code calls run() inside the extension host.
export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
