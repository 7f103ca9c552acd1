import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The layer rules (src/*/README.md) are compiler settings, not conventions: a probe file that
// breaks one must fail the build of its layer's project, with the error that names the rule.

const root = process.cwd();
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function buildWithProbe(layer: string, source: string): { status: number | null; output: string } {
  const probe = join(root, 'src', layer, `layeringProbe${process.pid}.ts`);
  const out = mkdtempSync(join(tmpdir(), 'psdev-layers-'));
  writeFileSync(probe, source);
  try {
    // Nothing is written: files the probe drags in from other layers would otherwise get declarations beside their sources.
    const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'src', layer, 'tsconfig.json'), '--noEmit', '--outDir', out, '--tsBuildInfoFile', join(out, 'build.tsbuildinfo'), '--pretty', 'false'], {
      encoding: 'utf8',
      cwd: root,
    });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(probe, { force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

describe('layers are enforced by the compiler', function () {
  this.timeout(120_000);

  // A layer's project reads the declarations of the layers it references: build those first.
  before(() => {
    const built = spawnSync(process.execPath, [tsc, '-b', 'src/core', 'src/sandbox'], { encoding: 'utf8', cwd: root });
    assert.equal(built.status, 0, built.stdout + built.stderr);
  });

  it('src/core cannot import vscode, the sandbox or the extension', () => {
    const { status, output } = buildWithProbe(
      'core',
      ["import * as vscode from 'vscode';", "import { startSandbox } from '../sandbox';", "import { activate } from '../extension/extension';", 'export const probe = [vscode, startSandbox, activate];', ''].join('\n'),
    );
    assert.notEqual(status, 0);
    const errors = output.split('\n').filter((line) => line.includes('layeringProbe'));
    assert.match(errors.join('\n'), /\(1,25\): error TS6307: File '.*vscode-only-in-extension\.ts' is not listed within the file list of project '.*src\/core\/tsconfig\.json'/);
    assert.match(errors.join('\n'), /\(2,30\): error TS6307: File '.*src\/sandbox\/index\.ts' is not listed/);
    assert.match(errors.join('\n'), /\(3,26\): error TS6307: File '.*src\/extension\/extension\.ts' is not listed/);
  });

  it('src/cli cannot import vscode or the extension, but may use core and the sandbox', () => {
    const { status, output } = buildWithProbe(
      'cli',
      ["import type * as vscode from 'vscode';", "import { activate } from '../extension/extension';", "import { startSandbox } from '../sandbox';", "import { parseQ } from '../core/q';", 'export const probe: unknown[] = [activate, startSandbox, parseQ] satisfies unknown[] as unknown as vscode.Disposable[];', ''].join('\n'),
    );
    assert.notEqual(status, 0);
    const errors = output.split('\n').filter((line) => line.startsWith('src/cli/layeringProbe') && line.includes('error'));
    assert.ok(errors.some((line) => /\(1,30\): error TS6307: File '.*vscode-only-in-extension\.ts'/.test(line)), output);
    assert.ok(errors.some((line) => /\(2,26\): error TS6307: File '.*src\/extension\/extension\.ts'/.test(line)), output);
    // What the CLI may import compiles (the first two lines' errors are the only ones on the probe's imports).
    assert.deepEqual(errors.filter((line) => /\((3|4),\d+\)/.test(line)), []);
  });
});
