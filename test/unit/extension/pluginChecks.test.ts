import * as assert from 'node:assert/strict';
import { pluginCatalog } from '../../../src/core/plugin';
import { pluginChecker, pluginSchemaSource } from '../../../src/extension/plugin/pluginChecks';
import type { EditorPlugin } from '../../../src/extension/plugin/pluginModels';
import { readPlugin } from '../../../src/core/plugin';
import { scaffoldPlugin } from '../../../src/core/plugin/scaffold';

// The host's plugin checks and completion source (vscode only as types): the connection's
// catalog when it answers, the built-in catalog when it cannot list its tables.
const builtIn = pluginCatalog('the built-in catalog', [{ name: 'students', columns: [{ name: 'dcid', type: 'NUMBER', length: 10 }] }]);

describe('extension/plugin: catalog for plugin checks and completion', () => {
  it('completion asks the connection first and falls back to the built-in catalog while it has no answer', async () => {
    const offline = pluginSchemaSource({ tables: async () => undefined, columns: async () => undefined }, () => builtIn);
    assert.deepEqual(await offline.tables(), [{ name: 'students' }]);
    assert.deepEqual((await offline.columns('STUDENTS'))?.map((column) => column.name), ['dcid']);
    const live = pluginSchemaSource({ tables: async () => [{ name: 'cc' }], columns: async () => [{ name: 'sectionid', type: 'NUMBER' }] }, () => builtIn);
    assert.deepEqual(await live.tables(), [{ name: 'cc' }]);
    assert.deepEqual((await live.columns('cc'))?.map((column) => column.name), ['sectionid']);
    const failing = pluginSchemaSource({ tables: () => Promise.reject(new Error('offline')), columns: () => Promise.reject(new Error('offline')) }, () => builtIn);
    assert.deepEqual(await failing.tables(), [{ name: 'students' }]);
  });

  it('checks against the built-in catalog when the connection cannot list its tables, naming it in the message', async () => {
    const { files } = scaffoldPlugin({ name: 'Roster' });
    const plugin = readPlugin(files.map((file) => ({ ...file, text: file.text.replace('s.grade_level', 's.grade_levl') })));
    const checker = pluginChecker({
      schema: { catalogs: { peek: () => undefined } } as never,
      sandbox: { builtInCatalog: () => builtIn } as never,
      active: { name: 'Local sandbox' } as never,
    });
    const findings = await checker({ plugin } as EditorPlugin);
    assert.ok(findings.some((finding) => /built-in catalog/.test(finding.message)), findings.map((finding) => `${finding.code}: ${finding.message}`).join('\n'));
  });
});
