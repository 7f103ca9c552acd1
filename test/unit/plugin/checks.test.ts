import * as assert from 'node:assert/strict';
import { checkPlugin, grantFix, memoizedSandboxRefusal, missingGrants, pluginCatalog, pluginFolderFiles, readPlugin, type PluginFileText, type PluginFinding, type PluginFix } from '../../../src/core/plugin';

// Each check, valid and invalid, with the range it reports. The valid base is examples/plugin.
const base = pluginFolderFiles('examples/plugin');
const queriesPath = 'queries_root/roster.named_queries.xml';
const catalog = pluginCatalog('the test catalog', [
  { name: 'STUDENTS', columns: ['DCID', 'ID', 'STUDENT_NUMBER', 'LAST_NAME', 'FIRST_NAME', 'GRADE_LEVEL', 'SCHOOLID', 'ENROLL_STATUS'].map((name) => ({ name, type: 'NUMBER' })) },
  { name: 'CC', columns: ['ID', 'STUDENTID', 'SECTIONID', 'TERMID', 'DATEENROLLED', 'DATELEFT'].map((name) => ({ name, type: 'NUMBER' })) },
  { name: 'SECTIONS', columns: ['ID', 'SECTION_NUMBER', 'COURSE_NUMBER'].map((name) => ({ name, type: 'NUMBER' })) },
  { name: 'COURSES', columns: ['COURSE_NUMBER', 'COURSE_NAME'].map((name) => ({ name, type: 'VARCHAR2' })) },
  { name: 'SCHOOLS' },
]);

/** examples/plugin with `path`'s text changed by `edit`. */
function variant(path: string, edit: (text: string) => string): PluginFileText[] {
  return base.map((file) => {
    if (file.path !== path) return file;
    const text = edit(file.text);
    assert.notEqual(text, file.text, 'the edit changes the file');
    return { path, text };
  });
}

/** `code line:col 'text under the range'` for every finding with a severity other than info. */
function found(files: readonly PluginFileText[], codes?: readonly string[]): string[] {
  const plugin = readPlugin(files);
  const texts = new Map(files.map((file) => [file.path, file.text]));
  return checkPlugin(plugin, { catalog })
    .filter((finding) => !codes || codes.includes(finding.code))
    .map((finding) => `${finding.severity} ${finding.code} ${finding.range.start.line + 1}:${finding.range.start.character + 1} '${texts.get(finding.file)!.slice(finding.range.start.offset, finding.range.end.offset)}'`);
}

function findingsOf(files: readonly PluginFileText[], code: string): PluginFinding[] {
  return checkPlugin(readPlugin(files), { catalog }).filter((finding) => finding.code === code);
}

function applyFix(files: readonly PluginFileText[], fix: PluginFix): PluginFileText[] {
  return files.map((file) => {
    const edits = fix.edits.filter((edit) => edit.file === file.path).sort((a, b) => b.start - a.start);
    return { path: file.path, text: edits.reduce((text, edit) => text.slice(0, edit.start) + edit.newText + text.slice(edit.end), file.text) };
  });
}

describe('core/plugin checks', () => {
  it('examples/plugin checks clean (several queries, flattened and not, args, grants, mappings, an extension table)', () => {
    const plugin = readPlugin(base);
    assert.deepEqual(found(base), []);
    assert.equal(plugin.queries.length, 3);
    assert.deepEqual(plugin.queries.map((query) => query.flattened), [true, false, true]);
    assert.ok(plugin.queries.some((query) => query.args.some((arg) => arg.type === 'array')));
    assert.ok(plugin.manifest!.fieldGrants.length > 10);
    assert.equal(plugin.permissionMappings[0]!.implies.length, 4);
    assert.equal(plugin.extensions[0]!.tables[0]!.name, 'U_ROSTER_NOTES');
  });

  describe('query names', () => {
    it('a repeated name is an error at the second one', () => {
      const files = variant(queriesPath, (text) => text.replace('com.example.roster.students.follow_up', 'com.example.roster.students.active'));
      assert.deepEqual(found(files, ['duplicate-query']), [`error duplicate-query 52:15 'com.example.roster.students.active'`]);
      assert.match(findingsOf(files, 'duplicate-query')[0]!.message, /already defined in queries_root\/roster\.named_queries\.xml:3: rename one/);
    });

    it('an empty name is an error; a one-part name, an empty part or a hyphen is a warning; 2- to 7-part names are fine (plugin-corpus-facts.md)', () => {
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('com.example.roster.students.active', '')), ['empty-attribute']), [`error empty-attribute 3:15 ''`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('com.example.roster.students.active', 'active')), ['query-name']), [`warning query-name 3:15 'active'`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('com.example.roster.students.active', 'com..active')), ['query-name']), [`warning query-name 3:15 'com..active'`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('com.example.roster.students.active', 'com.example.roster-active')), ['query-name']), [`warning query-name 3:15 'com.example.roster-active'`]);
      for (const name of ['ican.att_ytd', 'NWARCTIC.GOALVIEW.STUDENTS', 'com.a.b.c.d.e.f07t_active']) {
        assert.deepEqual(found(variant(queriesPath, (text) => text.replace('com.example.roster.students.active', name)), ['query-name', 'duplicate-query']), [], name);
      }
    });
  });

  describe('binds and args', () => {
    it('a :bind not declared is an error at the bind, with a fix that declares it; names match ignoring case', () => {
      const files = variant(queriesPath, (text) => text.replace('AND s.schoolid = :schoolid', 'AND s.schoolid = :SchoolID AND s.grade_level > :MinGrade'));
      assert.deepEqual(found(files, ['undeclared-bind']), [`error undeclared-bind 20:53 ':MinGrade'`]);
      const [finding] = findingsOf(files, 'undeclared-bind');
      const fixed = applyFix(files, finding!.fixes![0]!);
      assert.match(fixed.find((file) => file.path === queriesPath)!.text, /\t\t\t<arg name="MinGrade" type="primitive" required="true" description="MinGrade"\/>\n\t\t<\/args>/);
      assert.deepEqual(found(fixed, ['undeclared-bind']), []);
    });

    it('declaring into <args/> and into a query with no <args> at all', () => {
      const selfClosing = variant(queriesPath, (text) => text.replace('WHERE n.follow_up = 1', 'WHERE n.follow_up = :flag'));
      const fixedSelfClosing = applyFix(selfClosing, findingsOf(selfClosing, 'undeclared-bind')[0]!.fixes![0]!);
      assert.match(fixedSelfClosing.find((file) => file.path === queriesPath)!.text, /\t\t<args>\n\t\t\t<arg name="flag" [^>]*\/>\n\t\t<\/args>\n\t\t<columns>/);
      assert.deepEqual(found(fixedSelfClosing), []);
      const none = variant(queriesPath, (text) => text.replace('\t\t<args/>\n', '').replace('WHERE n.follow_up = 1', 'WHERE n.follow_up = :flag'));
      const fixedNone = applyFix(none, findingsOf(none, 'undeclared-bind')[0]!.fixes![0]!);
      assert.match(fixedNone.find((file) => file.path === queriesPath)!.text, /<\/description>\n\t\t<args>\n\t\t\t<arg name="flag" [^>]*\/>\n\t\t<\/args>\n\t\t<columns>/);
    });

    it('binds inside strings, comments and DAT tokens are not binds', () => {
      const files = variant(queriesPath, (text) => text.replace('-- active only', "-- active only :nope\n\t\t\t  AND s.last_name <> ':nor' /* :nor */ AND s.schoolid <> ~(curschoolid)"));
      assert.deepEqual(found(files, ['undeclared-bind']), []);
    });

    it('a required arg the SQL never binds is a warning at its name; an optional one is fine', () => {
      const files = variant(queriesPath, (text) => text.replace('AND s.schoolid = :schoolid', ''));
      assert.deepEqual(found(files, ['unused-arg']), [`warning unused-arg 6:15 'schoolid'`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('AND st.grade_level IN (:grade_levels)', '')), ['unused-arg']), []);
    });

    it('type must be primitive or array, required true or false (absent type is fine: 4 real args)', () => {
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('type="array"', 'type="list"')), ['invalid-value']), [`error invalid-value 30:35 'list'`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('required="false"', 'required="no"')), ['invalid-value']), [`error invalid-value 30:52 'no'`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace(' type="array"', '')), []), []);
    });
  });

  describe('<columns> against the SELECT list', () => {
    it('a missing <column> is an error at <columns> and at the SELECT item without one', () => {
      const files = variant(queriesPath, (text) => text.replace('\t\t\t<column column="STUDENTS.GRADE_LEVEL">grade_level</column>\n', ''));
      assert.deepEqual(found(files, ['column-count']), [`error column-count 8:3 '<columns>'`, `error column-count 16:70 's.grade_level'`]);
      assert.match(findingsOf(files, 'column-count')[0]!.message, /<columns> has 5 column\(s\) but the SELECT list has 6: add 1 <column>/);
    });

    it('an extra <column> is an error; a list that cannot be counted (SELECT *, parentheses) is not checked', () => {
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('s.first_name, s.grade_level\n', 's.first_name\n')), ['column-count']), [`error column-count 8:3 '<columns>'`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('SELECT s.dcid, s.id, s.student_number, s.last_name, s.first_name, s.grade_level', 'SELECT s.*')), ['column-count']), []);
    });
  });

  describe('grants', () => {
    it('a declared column not granted is a warning at its mapping that quotes the <field> line, with a fix for it and one for all of the query', () => {
      const files = variant('plugin.xml', (text) => text.replace(/\s*<field table="STUDENTS" field="(FIRST_NAME|GRADE_LEVEL)" access="ViewOnly"\/>/g, ''));
      assert.deepEqual(found(files, ['ungranted-column']), [`warning ungranted-column 13:20 'STUDENTS.FIRST_NAME'`, `warning ungranted-column 14:20 'STUDENTS.GRADE_LEVEL'`]);
      const [first] = findingsOf(files, 'ungranted-column');
      assert.match(first!.message, /add <field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"\/> to <access_request>/);
      assert.deepEqual(first!.fixes!.map((fix) => fix.title), ['Add <field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"/> to plugin.xml', 'Add the 2 missing <field> lines of com.example.roster.students.active to plugin.xml']);
      const fixed = applyFix(files, first!.fixes![1]!);
      assert.match(fixed[1]!.text, /access="FullAccess"\/>\n    <field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"\/>\n    <field table="STUDENTS" field="GRADE_LEVEL" access="ViewOnly"\/>\n  <\/access_request>/);
      assert.deepEqual(found(fixed), []);
    });

    it('names compare ignoring case; columns without a table (column="ID") are not checked; plugins without <oauth> (DEM, pages) are not checked', () => {
      assert.deepEqual(found(variant('plugin.xml', (text) => text.replace('table="STUDENTS" field="FIRST_NAME"', 'table="students" field="first_name"')), ['ungranted-column']), []);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('column="STUDENTS.DCID">dcid', 'column="UNGRANTED">dcid')), ['ungranted-column']), []);
      assert.deepEqual(found(variant('plugin.xml', (text) => text.replace('  <oauth/>\n', '').replace(/\s*<field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"\/>/, '')), ['ungranted-column']), []);
    });

    it('the fix makes an <access_request> when plugin.xml has none, before <publisher>', () => {
      const files = variant('plugin.xml', (text) => text.replace(/  <access_request>[^]*<\/access_request>\n/, ''));
      const plugin = readPlugin(files);
      const fix = grantFix(plugin, missingGrants(plugin))!;
      const fixed = applyFix(files, fix);
      assert.match(fixed[1]!.text, /  <oauth\/>\n  <access_request>\n    <field table="STUDENTS" field="DCID" access="ViewOnly"\/>\n[^]*    <field table="U_ROSTER_NOTES" field="NOTE" access="ViewOnly"\/>\n  <\/access_request>\n  <publisher/);
      assert.deepEqual(found(fixed, ['ungranted-column', 'malformed-xml']), []);
    });
  });

  describe('the catalog', () => {
    it('unknown tables and columns are warnings (grants, declared columns, FROM/JOIN, alias.column), with the closest name', () => {
      const files = variant(queriesPath, (text) => text.replace('FROM students s\n', 'FROM studnets s\n').replace('sec.section_number, crs.course_name,', 'sec.section_numbr, crs.course_name,'));
      assert.deepEqual(found(files, ['unknown-table', 'unknown-column']), [`warning unknown-table 18:9 'studnets'`, `warning unknown-column 41:41 'section_numbr'`]);
      assert.match(findingsOf(files, 'unknown-table')[0]!.message, /table studnets is not in the test catalog: check the spelling \(did you mean 'STUDENTS'\?\)/);
      assert.match(findingsOf(files, 'unknown-column')[0]!.message, /sections\.section_numbr is not a column of sections in the test catalog: check the spelling \(did you mean 'SECTION_NUMBER'\?\)/);
      assert.deepEqual(found(variant('plugin.xml', (text) => text.replace('table="CC" field="DATELEFT"', 'table="CC" field="DATE_LEFT"')), ['unknown-column']), [`warning unknown-column 18:30 'DATE_LEFT'`]);
    });

    it('CTE names, DUAL, the plugin\'s own extension tables (with their implicit key columns) and tables known without columns are not reported', () => {
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('FROM students s\n\t\t\tJOIN open_notes', 'FROM students s\n\t\t\tJOIN schools sch ON sch.anything = s.schoolid\n\t\t\tJOIN open_notes').replace('FROM cc\n', 'FROM cc, dual\n')), ['unknown-table', 'unknown-column']), []);
    });
  });

  describe('permission mappings', () => {
    it('a query target this plugin does not define is a warning with the closest name; PowerSchool\'s com.pearson queries and table targets are fine', () => {
      const files = variant('permissions_root/roster.permission_mappings.xml', (text) => text.replace('students.follow_up<', 'students.followup<'));
      assert.deepEqual(found(files), [`warning unknown-query 5:25 '/ws/schema/query/com.example.roster.students.followup'`]);
      assert.match(findingsOf(files, 'unknown-query')[0]!.message, /did you mean 'com\.example\.roster\.students\.follow_up'/);
      assert.deepEqual(found(variant('permissions_root/roster.permission_mappings.xml', (text) => text.replace('students.follow_up<', 'STUDENTS.FOLLOW_UP<'))).length, 1);
      assert.deepEqual(found(variant('permissions_root/roster.permission_mappings.xml', (text) => text.replace('com.example.roster.students.follow_up', 'com.pearson.core.student.student_dcid_id_map'))), []);
    });

    it('allow is get, post, put (or delete); anything else is a warning', () => {
      assert.deepEqual(found(variant('permissions_root/roster.permission_mappings.xml', (text) => text.replace('allow="get"', 'allow="read"'))), [`warning invalid-value 6:19 'read'`]);
    });
  });

  describe('extension tables', () => {
    const schemaPath = 'user_schema_root/u_roster.xml';
    it('names, types and lengths: errors where PowerSchool cannot create the table, warnings where it is uncertain, info for case', () => {
      const files = variant(schemaPath, (text) => text
        .replace('<extensionname>U_Roster', '<extensionname>Roster')
        .replace('name="CATEGORY" type="String" length="40"', 'name="CATEGORY" type="String" length="4001"')
        .replace('name="NOTE_DATE" type="Date"', 'name="NOTE DATE" type="date"')
        .replace('name="FOLLOW_UP" type="Boolean"', 'name="FOLLOW_UP" type="Bool"')
        .replace('<field name="NOTE" type="String" length="4000"', '<field name="NOTE" type="String"'));
      const plugin = readPlugin(files);
      const texts = new Map(files.map((file) => [file.path, file.text]));
      assert.deepEqual(checkPlugin(plugin, { catalog }).map((finding) => `${finding.severity} ${finding.range.start.line + 1}:${finding.range.start.character + 1} '${texts.get(finding.file)!.slice(finding.range.start.offset, finding.range.end.offset)}'`), [
        `warning 5:18 'Roster'`,
        `warning 7:5 '<field name="NOTE" type="String" description="The note"/>'`,
        `error 8:50 '4001'`,
        `error 9:35 'Bool'`,
        `error 10:18 'NOTE DATE'`,
        `info 10:35 'date'`,
      ]);
    });

    it('a table needs coreTable or type="standalone"; names twice are errors', () => {
      assert.deepEqual(found(variant(schemaPath, (text) => text.replace(' coreTable="STUDENTS"', ''))).filter((line) => line.includes('extension-table')), [`warning extension-table 6:3 '<extendedTable dbTableName="U_ROSTER_NOTES" childName="roster_notes" comment="Follow-up notes kept by the roster export">'`]);
      assert.deepEqual(found(variant(schemaPath, (text) => text.replace(' coreTable="STUDENTS"', ' type="standalone"')), ['extension-table']), []);
      assert.deepEqual(found(variant(schemaPath, (text) => text.replace('name="CATEGORY"', 'name="note"')), ['extension-field']), [`error extension-field 8:18 'note'`]);
    });
  });

  describe('SQL the sandbox cannot run', () => {
    it('is an information finding at the construct, naming it; SQL the sandbox runs has none', () => {
      const timestamp = variant(queriesPath, (text) => text.replace('AND s.schoolid = :schoolid', 'AND s.schoolid = :schoolid AND SYSTIMESTAMP IS NOT NULL'));
      assert.deepEqual(found(timestamp, ['sandbox-sql']), ["info sandbox-sql 20:37 'SYSTIMESTAMP'"]);
      const [finding] = findingsOf(timestamp, 'sandbox-sql');
      assert.match(finding!.message, /^The sandbox cannot run SYSTIMESTAMP/);
      assert.match(finding!.message, /PowerSchool may still run it/);
      assert.deepEqual(found(base, ['sandbox-sql']), []);
    });

    it('a host passes a memoised translation: a query whose SQL did not change is not translated again', () => {
      const seen: string[] = [];
      const refusal = memoizedSandboxRefusal(8);
      const counting: typeof refusal = (sql, args) => {
        seen.push(sql);
        return refusal(sql, args);
      };
      const plugin = readPlugin(base);
      checkPlugin(plugin, { catalog, sandboxRefusal: counting });
      assert.equal(seen.length, 3);
      const cached = refusal(plugin.queries[0]!.sql!.text, plugin.queries[0]!.args);
      assert.equal(refusal(plugin.queries[0]!.sql!.text, plugin.queries[0]!.args), cached);
      const refused = refusal('SELECT a.x FROM a WHERE a.id = a.id(+)', []);
      assert.equal(refusal('SELECT a.x FROM a WHERE a.id = a.id(+)', []), refused);
      assert.equal(refused?.construct, 'the Oracle (+) outer join that marks every table of the FROM');
      assert.equal(refusal('SELECT a.x FROM a, b WHERE a.id = b.id(+)', []), undefined, 'the (+) form Oracle accepts runs');
    });
  });

  describe('structure (found when reading)', () => {
    it('flattened must be true or false; a query needs <columns> and <sql>; <column> must name a column', () => {
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('flattened="false"', 'flattened="no"'))), [`error invalid-value 25:82 'no'`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace(/<sql><!\[CDATA\[\n\t\t\tWITH[^]*?<\/sql>/, ''))), [`error missing-element 52:3 'query'`]);
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace('<column column="STUDENTS.DCID">dcid</column>', '<column/>')), ['missing-attribute']), [`error missing-attribute 9:5 'column'`]);
    });

    it('a missing flattened is a warning (every published query has one); coreTable missing, empty or any case is fine', () => {
      assert.deepEqual(found(variant(queriesPath, (text) => text.replace(' flattened="true">\n\t\t<description>Students currently', '>\n\t\t<description>Students currently'))), [`warning missing-attribute 3:3 'query'`]);
      for (const coreTable of ['', 'CORE_TABLE', 'STUDENTS']) {
        assert.deepEqual(found(variant(queriesPath, (text) => text.replace('coreTable="students" flattened="true">\n\t\t<description>Students currently', `coreTable="${coreTable}" flattened="true">\n\t\t<description>Students currently`))), [], coreTable);
      }
    });
  });
});
