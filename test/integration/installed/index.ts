import { runMochaIn } from '../support/runMocha';

// The suite for the packaged extension, installed from the .vsix into a fresh extensions folder.
export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
