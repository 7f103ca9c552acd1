import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { packagedTexts, PluginFileError, pluginFolderFiles, readPackagedFiles, readPluginFolder, readPluginManifest, readPluginZip, zipPackagedFiles } from '../../../src/core/plugin';

describe('core/plugin: plugin folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psdev-plugin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  it('reads the plugin.xml of the folder (readPluginManifest, for running as the plugin)', () => {
    write('plugin.xml', '<plugin name="Roster" version="1" description="d"><access_request><field table="STUDENTS" field="DCID" access="ViewOnly"/></access_request></plugin>');
    const manifest = readPluginManifest(dir);
    assert.equal(manifest.name, 'Roster');
    assert.deepEqual(manifest.fieldGrants.map((field) => `${field.table}.${field.field}`), ['STUDENTS.DCID']);
  });

  it('names file:line:column of malformed XML', () => {
    write('plugin.xml', '<plugin name="x">\n  <oauth>\n</plugin>');
    assert.throws(() => readPluginManifest(dir), (error: unknown) => error instanceof PluginFileError && error.message === `${join(dir, 'plugin.xml')}:3:9: error: </plugin> does not close <oauth> opened at 2:3: close <oauth> first (or write it <oauth/>) (the file is not well-formed XML; PowerSchool refuses the plugin) [malformed-xml]`);
  });

  it('names the file it cannot read', () => {
    assert.throws(() => readPluginManifest(join(dir, 'nope')), (error: unknown) => error instanceof PluginFileError && /cannot read .*nope\/plugin\.xml: ENOENT$/.test(error.message));
    assert.throws(() => readPluginFolder(join(dir, 'nope')), (error: unknown) => error instanceof PluginFileError && /cannot read .*nope: ENOENT$/.test(error.message));
  });

  it('reads the files PowerSchool packages (plugin.xml and the four *_root folders), not .git, editor backups or OS junk', () => {
    write('plugin.xml', '<plugin name="p" version="1" description="d"/>');
    write('queries_root/a.named_queries.xml', '<queries/>');
    write('queries_root/a.named_queries.xml~', '<queries/>');
    write('queries_root/.DS_Store', 'x');
    write('web_root/admin/page.html', '<p/>');
    write('.git/config', 'x');
    write('README.md', 'x');
    assert.deepEqual(pluginFolderFiles(dir).map((file) => file.path), ['plugin.xml', 'queries_root/a.named_queries.xml', 'web_root/admin/page.html']);
    assert.deepEqual(readPluginFolder(dir).files.map((file) => file.kind), ['manifest', 'queries', 'web']);
  });

  it('packages what PowerSchool installs, byte for byte and the same zip twice, and reads a zip back into the same model', () => {
    write('plugin.xml', '<plugin name="p" version="1" description="d"><publisher name="x"/></plugin>');
    write('queries_root/a.named_queries.xml', '<queries><query name="a.b.c" flattened="true"><columns><column>STUDENTS.DCID</column></columns><sql><![CDATA[SELECT dcid FROM students]]></sql></query></queries>');
    write('web_root/admin/page.html', '<p>\u00e9</p>');
    write('web_root/admin/page.html.orig', 'x');
    write('web_root/.DS_Store', 'x');
    write('.gitignore', 'x');
    const { zip, paths } = zipPackagedFiles(readPackagedFiles(dir));
    assert.deepEqual(paths, ['plugin.xml', 'queries_root/a.named_queries.xml', 'web_root/admin/page.html']);
    assert.deepEqual(Object.keys(unzipSync(zip)).sort(), paths);
    assert.equal(Buffer.from(unzipSync(zip)['web_root/admin/page.html']!).toString('utf8'), '<p>\u00e9</p>');
    assert.deepEqual(zipPackagedFiles(readPackagedFiles(dir)).zip, zip);
    const fromZip = readPluginZip(zip);
    assert.deepEqual(fromZip.queries.map((query) => query.name), ['a.b.c']);
    assert.equal(fromZip.manifest!.name, 'p');
  });

  it('reads a folder once for packaging: its texts are what the model reads from disk, its zip holds the bytes read (a byte-order mark too)', () => {
    write('plugin.xml', '\ufeff<plugin name="p" version="1" description="d"><publisher name="x"/></plugin>');
    write('queries_root/a.named_queries.xml', '<queries><query name="a.b.c"><sql><![CDATA[SELECT \u00e9 FROM dual]]></sql></query></queries>');
    write('web_root/admin/logo.png', '\u0089PNG');
    const files = readPackagedFiles(dir);
    assert.deepEqual(packagedTexts(files), pluginFolderFiles(dir));
    // The editor drops the mark, so line 1's columns agree with it; the zip keeps the file as it is.
    assert.ok(packagedTexts(files)[0]!.text.startsWith('<plugin'));
    assert.equal(readPluginFolder(dir).manifest!.name, 'p');
    const zipped = unzipSync(zipPackagedFiles(files).zip);
    assert.deepEqual(Object.keys(zipped).sort(), files.map((file) => file.path));
    for (const file of files) assert.deepEqual(Buffer.from(zipped[file.path]!), Buffer.from(file.bytes), file.path);
    assert.deepEqual([...zipped['plugin.xml']!.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  });
});
