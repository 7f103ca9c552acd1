// "PowerSchool: New Plugin": the files of a small plugin that installs and runs as written: one
// named query with an arg, the grants its columns need, and a permission mapping for it. The
// shapes follow what real plugins write (plugin-corpus-facts.md): the plugin namespace, oauth,
// access_request before publisher, a five-part query name, CDATA SQL.

export interface PluginScaffoldOptions {
  /** The plugin's display name (plugin.xml `name`); file and query names derive from it. */
  readonly name: string;
}

/** A file to create, `path` relative to the plugin folder with `/` separators. */
export interface ScaffoldedFile {
  readonly path: string;
  readonly text: string;
}

export interface ScaffoldedPlugin {
  /** A folder name for the plugin, derived from its name as its files are. */
  readonly folder: string;
  readonly files: readonly ScaffoldedFile[];
}

/** The columns the example query reads and its plugin.xml grants, in SELECT order. */
const rosterColumns = ['DCID', 'ID', 'STUDENT_NUMBER', 'LASTFIRST', 'GRADE_LEVEL'] as const;
/** Read in WHERE but not returned; granted too, so the query needs nothing PowerSchool might refuse. */
const filterColumns = ['SCHOOLID', 'ENROLL_STATUS'] as const;

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `roster_export_sync` for "Roster Export & Sync": lower-case letters, digits and underscores, starting with a letter. */
function slugOf(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(slug) ? slug : `p${slug}`;
}

export function scaffoldPlugin(options: PluginScaffoldOptions): ScaffoldedPlugin {
  const name = options.name.trim();
  if (!name) throw new Error('a plugin needs a name');
  const slug = slugOf(name);
  const queryName = `com.example.${slug}.students.roster`;
  const grants = [...rosterColumns, ...filterColumns]
    .map((column) => `    <field table="STUDENTS" field="${column}" access="ViewOnly"/>`)
    .join('\n');
  const pluginXml = `<?xml version="1.0" encoding="UTF-8"?>
<plugin xmlns="http://plugin.powerschool.pearson.com"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xsi:schemaLocation="http://plugin.powerschool.pearson.com plugin.xsd"
        name="${escapeXml(name)}" version="1.0.0" description="${escapeXml(name)}: a roster of a school's active students">
  <oauth/>
  <access_request>
${grants}
  </access_request>
  <publisher name="Example District">
    <contact email="developer@example.org"/>
  </publisher>
</plugin>
`;
  const columns = rosterColumns
    .map((column) => `      <column column="STUDENTS.${column}">students.${column.toLowerCase()}</column>`)
    .join('\n');
  const namedQueries = `<queries>
  <query name="${queryName}" coreTable="students" flattened="true">
    <description>Active students of one school, by name</description>
    <args>
      <arg name="schoolid" type="primitive" required="true" description="The school's number (SCHOOLS.SCHOOL_NUMBER)"/>
    </args>
    <columns>
${columns}
    </columns>
    <sql><![CDATA[
      SELECT ${rosterColumns.map((column) => `s.${column.toLowerCase()}`).join(', ')}
      FROM students s
      WHERE s.schoolid = :schoolid
        AND s.enroll_status = 0
      ORDER BY s.lastfirst
    ]]></sql>
  </query>
</queries>
`;
  const permissionMappings = `<permission_mappings>
  <permission name="/admin/home.html">
    <implies allow="post">/ws/schema/query/${queryName}</implies>
  </permission>
</permission_mappings>
`;
  return {
    folder: slug,
    files: [
      { path: 'plugin.xml', text: pluginXml },
      { path: `queries_root/${slug}.named_queries.xml`, text: namedQueries },
      { path: `permissions_root/${slug}.permission_mappings.xml`, text: permissionMappings },
    ],
  };
}
