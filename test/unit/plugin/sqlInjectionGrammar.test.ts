import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

// The injection that hands `<sql><![CDATA[…]]></sql>` in plugin XML files to VS Code's SQL
// grammar, tokenized with the engine VS Code uses. text.xml and source.sql are VS Code's own
// grammars; small stand-ins here keep their relevant rules (the XML tag and CDATA rules that
// would otherwise claim `<sql>` and its CDATA, and an SQL keyword rule), as package.json wires it.
const injectionScope = 'text.xml.powerschool.sql-injection';
const xmlStandIn = {
  scopeName: 'text.xml',
  patterns: [
    { begin: '(</?)([-\\w\\.:]+)', captures: { 1: { name: 'punctuation.definition.tag.xml' }, 2: { name: 'entity.name.tag.localname.xml' } }, end: '(/?>)', name: 'meta.tag.xml' },
    { begin: '<!\\[CDATA\\[', end: ']]>', name: 'string.unquoted.cdata.xml' },
    { begin: '<!--', end: '-->', name: 'comment.block.xml' },
  ],
};
const sqlStandIn = {
  scopeName: 'source.sql',
  patterns: [
    { match: '(?i)\\b(select|from|where|join|on|and)\\b', name: 'keyword.other.DML.sql' },
    { match: '--.*$', name: 'comment.line.double-dash.sql' },
  ],
};

async function loadXmlWithInjection(): Promise<IGrammar> {
  const wasm = readFileSync(join(process.cwd(), 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => undefined);
  const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] } };
  const contributed = manifest.contributes.grammars.find((grammar) => grammar.scopeName === injectionScope);
  assert.ok(contributed, `package.json contributes ${injectionScope}`);
  assert.deepEqual(contributed.injectTo, ['text.xml']);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (sources) => new oniguruma.OnigScanner(sources), createOnigString: (text) => new oniguruma.OnigString(text) }),
    loadGrammar: async (scopeName) => {
      if (scopeName === injectionScope) return parseRawGrammar(readFileSync(join(process.cwd(), contributed.path), 'utf8'), contributed.path);
      if (scopeName === 'text.xml') return parseRawGrammar(JSON.stringify(xmlStandIn), 'xml.json');
      if (scopeName === 'source.sql') return parseRawGrammar(JSON.stringify(sqlStandIn), 'sql.json');
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'text.xml' ? [injectionScope] : undefined),
  });
  const grammar = await registry.loadGrammar('text.xml');
  if (!grammar) throw new Error('the XML stand-in did not load');
  return grammar;
}

/** Each token of each line as [text, every scope]. */
function tokenize(grammar: IGrammar, text: string): [string, string[]][][] {
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => [line.slice(token.startIndex, token.endIndex), token.scopes] as [string, string[]]);
  });
}

function scopesOf(lines: [string, string[]][][], line: number, text: string): string[] {
  const token = lines[line]!.find(([tokenText]) => tokenText.trim() === text);
  assert.ok(token, `'${text}' is a token of line ${line}: ${JSON.stringify(lines[line])}`);
  return token[1];
}

describe('SQL inside <sql> CDATA of plugin XML (grammar injection)', () => {
  let grammar: IGrammar;
  before(async () => (grammar = await loadXmlWithInjection()));

  it('hands the CDATA of <sql> to source.sql across lines, and the XML around it stays XML', () => {
    const lines = tokenize(grammar, [
      '<query name="com.example.roster" flattened="true">',
      '  <sql><![CDATA[',
      '    SELECT s.dcid FROM students s -- roster',
      '    WHERE s.schoolid = :schoolid',
      '  ]]></sql>',
      '</query>',
    ].join('\n'));
    assert.ok(scopesOf(lines, 0, 'query').includes('entity.name.tag.localname.xml'));
    assert.ok(scopesOf(lines, 1, 'sql').includes('entity.name.tag.localname.xml'));
    const select = scopesOf(lines, 2, 'SELECT');
    assert.ok(select.includes('meta.embedded.block.sql'), select.join(' '));
    assert.ok(select.includes('keyword.other.DML.sql'), select.join(' '));
    assert.ok(!select.includes('string.unquoted.cdata.xml'), 'not the XML grammar\'s plain CDATA string');
    assert.ok(scopesOf(lines, 2, '-- roster').includes('comment.line.double-dash.sql'));
    assert.ok(scopesOf(lines, 3, 'WHERE').includes('keyword.other.DML.sql'));
    assert.ok(scopesOf(lines, 4, ']]>').includes('punctuation.definition.string.end.xml'));
    assert.ok(scopesOf(lines, 4, 'sql').includes('entity.name.tag.localname.xml'));
    assert.ok(!scopesOf(lines, 5, 'query').includes('meta.embedded.block.sql'), 'the SQL block ends with </sql>');
  });

  it('handles <sql> and its CDATA on one line', () => {
    const lines = tokenize(grammar, '<sql><![CDATA[select 1 from dual]]></sql>');
    assert.ok(scopesOf(lines, 0, 'select').includes('keyword.other.DML.sql'));
    assert.ok(scopesOf(lines, 0, 'from').includes('meta.embedded.block.sql'));
  });

  it('leaves CDATA outside <sql> (a <description> script block) to the XML grammar', () => {
    const lines = tokenize(grammar, '<description><![CDATA[select what you need]]></description>');
    assert.ok(scopesOf(lines, 0, 'select what you need').includes('string.unquoted.cdata.xml'));
  });

  it('does not open an SQL block for an empty <sql/>', () => {
    const lines = tokenize(grammar, ['<sql/>', '<columns><column>select</column></columns>'].join('\n'));
    assert.ok(!lines[1]!.some(([, scopes]) => scopes.includes('meta.embedded.block.sql')));
  });
});
