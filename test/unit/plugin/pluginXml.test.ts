import * as assert from 'node:assert/strict';
import { accessRequestLine, grantLookup, parsePluginXml, parseXml, XmlError } from '../../../src/core/plugin';

// Shapes from plugin-corpus-facts.md (a survey of 69 real plugin.xml files).
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

describe('core/plugin: plugin.xml', () => {
  it('reads name, version, description, accessLevelV1Api and every <field> grant (plugin-corpus-facts.md: "Element order is not fixed in practice", single-quoted xmlns, placeholder versions)', () => {
    const plugin = parsePluginXml(realShape);
    assert.equal(plugin.name, 'Roster Sync');
    assert.equal(plugin.version, '[PLUGIN_VERSION]');
    assert.equal(plugin.description, 'Syncs rosters & sections');
    assert.equal(plugin.accessLevelV1Api, 'FULL');
    assert.deepEqual(plugin.fieldGrants, [
      { table: 'STUDENTS', field: 'DCID', access: 'ViewOnly' },
      { table: 'Students', field: 'last_name', access: 'ViewOnly' },
      { table: 'u_studentsuserfields', field: 'TRANSCRIPTADDRCITY', access: 'FullAccess' },
    ]);
  });

  it('has no accessLevelV1Api for <oauth/> or <oauth></oauth> ("the forms are <oauth></oauth> (14) and <oauth/> (8)") and no grants for an empty access_request', () => {
    for (const oauth of ['<oauth/>', '<oauth></oauth>', '']) {
      const plugin = parsePluginXml(`<plugin xmlns="http://plugin.powerschool.pearson.com" name="p" version="1.0" description="d">${oauth}<access_request></access_request><publisher name="x"><contact email="a@b.c"/></publisher></plugin>`);
      assert.equal(plugin.accessLevelV1Api, undefined);
      assert.deepEqual(plugin.fieldGrants, []);
    }
    assert.equal(parsePluginXml('<plugin name="p" version="1"><oauth accessLevelV1Api="READ"/></plugin>').accessLevelV1Api, 'READ');
  });

  it('looks grants up case-insensitively ("Table-name case is mixed: lower 473, UPPER 187, Mixed 176"); FullAccess wins over ViewOnly', () => {
    const lookup = grantLookup([...parsePluginXml(realShape).fieldGrants, { table: 'students', field: 'dcid', access: 'FullAccess' }]);
    assert.equal(lookup('students', 'dcid'), 'FullAccess');
    assert.equal(lookup('STUDENTS', 'LAST_NAME'), 'ViewOnly');
    assert.equal(lookup('students', 'first_name'), undefined);
    assert.equal(accessRequestLine('students', 'first_name', 'ViewOnly'), '<field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"/>');
  });

  it('names line:column of malformed XML', () => {
    const cases: [string, number, number, RegExp][] = [
      ['<plugin name="p" version="1">\n  <oauth>\n</plugin>', 3, 1, /<\/plugin> does not match <oauth> opened at 2:3/],
      ['<plugin name="p" version="1">\n  <field table=STUDENTS/>\n</plugin>', 2, 16, /must be in quotes/],
      ['<plugin name="p" version="1">\n <a/>', 1, 1, /<plugin> is never closed/],
      ['<plugin name="p" name="q" version="1"/>', 1, 18, /attribute name is repeated/],
      ['<plugin name="a & b" version="1"/>', 1, 17, /'&' must start a reference/],
      ['<plugin/><plugin/>', 1, 10, /a second root element/],
      ['<!DOCTYPE plugin><plugin/>', 1, 1, /DOCTYPE/],
      ['<plugin><!-- never closed </plugin>', 1, 9, /comment is not closed/],
    ];
    for (const [text, line, column, reason] of cases) {
      assert.throws(() => parseXml(text), (error: unknown) => {
        assert.ok(error instanceof XmlError, String(error));
        assert.deepEqual([error.line, error.column], [line, column], `${text}: ${error.message}`);
        assert.match(error.message, new RegExp(`^${line}:${column}: `));
        assert.match(error.reason, reason);
        return true;
      });
    }
  });

  it('keeps CDATA, comments and entities as a named_queries.xml needs them', () => {
    const root = parseXml('<queries><query name="q"><sql><![CDATA[ SELECT a || b FROM t WHERE x < 3 /* c */ ]]></sql><!-- x --><d>&lt;&#65;&#x42;&gt;</d></query></queries>');
    const query = root.children[0]!;
    assert.equal(query.attributes.name, 'q');
    assert.equal(query.children[0]!.text.trim(), 'SELECT a || b FROM t WHERE x < 3 /* c */');
    assert.equal(query.children[1]!.text, '<AB>');
  });

  it('refuses what PowerSchool would not install, at the element: wrong root, missing name, an access value other than ViewOnly/FullAccess, a V1 level other than FULL/READ', () => {
    const message = (text: string) => {
      try {
        parsePluginXml(text);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    assert.equal(message('<plugins name="p" version="1"/>'), '1:1: the root element must be <plugin>, found <plugins>');
    assert.equal(message('<plugin version="1"/>'), '1:1: <plugin> needs a name attribute');
    assert.equal(message('<plugin name="p" version="1">\n<access_request>\n  <field table="STUDENTS" field="DCID" access="ReadWrite"/>\n</access_request></plugin>'), "3:3: access must be ViewOnly or FullAccess, found 'ReadWrite'");
    assert.equal(message('<plugin name="p" version="1"><oauth accessLevelV1Api="ALL"/></plugin>'), "1:30: accessLevelV1Api must be FULL or READ, found 'ALL'");
  });
});
