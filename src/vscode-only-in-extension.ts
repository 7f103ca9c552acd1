// `vscode` resolves here in every layer but src/extension (see the `paths` of src/core,
// src/sandbox and src/cli's tsconfig.json). No project lists this file, so importing `vscode`
// outside the extension fails the build with TS6307 naming it.
export {};
