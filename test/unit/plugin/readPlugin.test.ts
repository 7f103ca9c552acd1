import * as assert from 'node:assert/strict';
import { accessRequestLine, formatPluginFinding, grantLookup, readPlugin, type Plugin } from '../../../src/core/plugin';

// Shapes from plugin-corpus-facts.md (a survey of 70 real plugins).
const realShape = `<?xml version="1.0" encoding="UTF-8"?>
<plugin xmlns='http://plugin.powerschool.pearson.com'
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xsi:schemaLocation="http://plugin.powerschool.pearson.com plugin.xsd"
        name="Roster Sync" version="[PLUGIN_VERSION]" description="Syncs rosters &amp; sections">
  <!-- "Element order is not fixed in practice": publisher first, then oauth, then access_request -->
  <publisher name="Example District"><contact email="dev@example.org"/></publisher>
  <oauth accessLevelV1Api="FULL"></oauth>
  <access_request>
    <cdn_request><cdn name="cdn.example.org"/></cdn_request>
    <field table="STUDENTS" field="DCID" access="ViewOnly"/>
    <field table="Students" field="last_name" access="ViewOnly" />
    <field table="u_studentsuserfields" field="TRANSCRIPTADDRCITY" access="FullAccess"/>
  </access_request>
</plugin>`;

const manifestOnly = (text: string): Plugin => readPlugin([{ path: 'plugin.xml', text }]);
const located = (plugin: Plugin) => plugin.findings.map((finding) => formatPluginFinding(finding));

describe('core/plugin: readPlugin, plugin.xml', () => {
  it('reads name, version, description, accessLevelV1Api and every <field> grant (plugin-corpus-facts.md: "Element order is not fixed in practice", single-quoted xmlns, placeholder versions)', () => {
    const plugin = manifestOnly(realShape);
    assert.deepEqual(plugin.findings, []);
    const manifest = plugin.manifest!;
    assert.equal(manifest.name, 'Roster Sync');
    assert.equal(manifest.version, '[PLUGIN_VERSION]');
    assert.equal(manifest.description, 'Syncs rosters & sections');
    assert.equal(manifest.accessLevelV1Api, 'FULL');
    assert.equal(manifest.publisher?.contactEmail, 'dev@example.org');
    assert.deepEqual(manifest.fieldGrants.map(({ table, field, access }) => ({ table, field, access })), [
      { table: 'STUDENTS', field: 'DCID', access: 'ViewOnly' },
      { table: 'Students', field: 'last_name', access: 'ViewOnly' },
      { table: 'u_studentsuserfields', field: 'TRANSCRIPTADDRCITY', access: 'FullAccess' },
    ]);
  });

  it('places every grant attribute: line, character and offset, 0-based, of the value inside its quotes', () => {
    const manifest = manifestOnly(realShape).manifest!;
    const table = manifest.fieldGrants[1]!.source.attributes.table!;
    assert.equal(realShape.slice(table.valueRange.start.offset, table.valueRange.end.offset), 'Students');
    assert.deepEqual([table.valueRange.start.line, table.valueRange.start.character], [11, 18]);
    assert.equal(table.valueRange.file, 'plugin.xml');
    const request = manifest.accessRequests[0]!;
    assert.equal(realShape.slice(request.range.start.offset, request.range.end.offset).split('\n')[0], '<access_request>');
    assert.equal(realShape.slice(request.range.end.offset - 17, request.range.end.offset), '</access_request>');
  });

  it('has no accessLevelV1Api for <oauth/> or <oauth></oauth> ("the forms are <oauth></oauth> (14) and <oauth/> (8)") and no grants for an empty access_request', () => {
    for (const oauth of ['<oauth/>', '<oauth></oauth>', '']) {
      const plugin = manifestOnly(`<plugin xmlns="http://plugin.powerschool.pearson.com" name="p" version="1.0" description="d">${oauth}<access_request></access_request><publisher name="x"><contact email="a@b.c"/></publisher></plugin>`);
      assert.deepEqual(plugin.findings, []);
      assert.equal(plugin.manifest!.accessLevelV1Api, undefined);
      assert.deepEqual(plugin.manifest!.fieldGrants, []);
    }
    assert.equal(manifestOnly('<plugin name="p" version="1" description="d"><oauth accessLevelV1Api="READ"/></plugin>').manifest!.accessLevelV1Api, 'READ');
  });

  it('looks grants up case-insensitively ("Table-name case is mixed: lower 473, UPPER 187, Mixed 176"); FullAccess wins over ViewOnly', () => {
    const lookup = grantLookup([...manifestOnly(realShape).manifest!.fieldGrants, { table: 'students', field: 'dcid', access: 'FullAccess' }]);
    assert.equal(lookup('students', 'dcid'), 'FullAccess');
    assert.equal(lookup('STUDENTS', 'LAST_NAME'), 'ViewOnly');
    assert.equal(lookup('students', 'first_name'), undefined);
    assert.equal(accessRequestLine('students', 'first_name', 'ViewOnly'), '<field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"/>');
  });

  it('names line:column of malformed XML (saxes, strict XML 1.0) and never throws', () => {
    const cases: [string, string, RegExp][] = [
      ['<plugin name="p" version="1">\n  <oauth>\n</plugin>', '3:9', /^<\/plugin> does not close <oauth> opened at 2:3: close <oauth> first/],
      ['<plugin name="p" version="1">\n  <field table=STUDENTS/>\n</plugin>', '2:16', /unquoted attribute value/],
      ['<plugin name="p" version="1">\n <a/>', '2:5', /unclosed tag: plugin/],
      ['<plugin name="p" name="q" version="1"/>', '1:39', /duplicate attribute: name/],
      ['<plugin name="a & b" version="1"/>', '1:34', /unexpected end/],
      ['<plugin/><plugin/>', '1:17', /documents may contain only one root/],
      ['<plugin><!-- never closed </plugin>', '1:35', /unclosed tag: plugin/],
    ];
    for (const [text, at, reason] of cases) {
      const plugin = manifestOnly(text);
      const malformed = plugin.findings.filter((finding) => finding.code === 'malformed-xml');
      assert.equal(malformed.length, 1, `${text}: ${located(plugin).join('; ')}`);
      assert.equal(`${malformed[0]!.range.start.line + 1}:${malformed[0]!.range.start.character + 1}`, at, `${text}: ${malformed[0]!.message}`);
      assert.equal(malformed[0]!.severity, 'error');
      assert.match(malformed[0]!.message, reason);
    }
  });

  it('reports what PowerSchool would not install at the element: wrong root, missing name, an access value other than ViewOnly/FullAccess, a V1 level other than FULL/READ', () => {
    const first = (text: string) => located(manifestOnly(text)).find((line) => / error: /.test(line));
    assert.equal(first('<plugins name="p" version="1"/>'), 'plugin.xml:1:2: error: the root element of plugin.xml must be <plugin>, found <plugins> [wrong-root]');
    assert.equal(first('<plugin version="1" description="d"/>'), 'plugin.xml:1:2: error: <plugin> needs a name attribute: add name="…" [missing-attribute]');
    assert.equal(first('<plugin name="p" version="1">\n<access_request>\n  <field table="STUDENTS" field="DCID" access="ReadWrite"/>\n</access_request></plugin>'),
      `plugin.xml:3:48: error: access must be ViewOnly or FullAccess, found 'ReadWrite': write access="ViewOnly" to read or "FullAccess" to write [invalid-value]`);
    assert.equal(first('<plugin name="p" version="1"><oauth accessLevelV1Api="ALL"/></plugin>'), `plugin.xml:1:55: error: accessLevelV1Api must be FULL or READ, found 'ALL': write accessLevelV1Api="READ" (or FULL to write through /ws/v1) [invalid-value]`);
  });
});
