import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginFileError, readPluginFolder } from '../../../src/core/plugin';

describe('readPluginFolder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psdev-plugin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parses the plugin.xml of the folder', () => {
    writeFileSync(join(dir, 'plugin.xml'), '<plugin name="Roster" version="1"><access_request><field table="STUDENTS" field="DCID" access="ViewOnly"/></access_request></plugin>');
    const plugin = readPluginFolder(dir);
    assert.equal(plugin.name, 'Roster');
    assert.deepEqual(plugin.fieldGrants.map((field) => `${field.table}.${field.field}`), ['STUDENTS.DCID']);
  });

  it('names file:line:column of malformed XML', () => {
    writeFileSync(join(dir, 'plugin.xml'), '<plugin name="x">\n  <oauth>\n</plugin>');
    assert.throws(() => readPluginFolder(dir), (error: unknown) => error instanceof PluginFileError && error.message === `${join(dir, 'plugin.xml')}:3:1: closing tag </plugin> does not match <oauth> opened at 2:3`);
  });

  it('names the file it cannot read', () => {
    assert.throws(() => readPluginFolder(join(dir, 'nope')), (error: unknown) => error instanceof PluginFileError && /cannot read .*nope\/plugin\.xml: ENOENT$/.test(error.message));
  });
});
