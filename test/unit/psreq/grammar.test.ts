import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

// Tokenizes with the same engine VS Code uses (vscode-textmate + oniguruma), so scopes asserted
// here are the scopes themes see.
async function loadGrammar(): Promise<IGrammar> {
  const wasm = readFileSync(join(process.cwd(), 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (sources) => new oniguruma.OnigScanner(sources), createOnigString: (text) => new oniguruma.OnigString(text) }),
    // Embedded languages (source.json, source.js) come from VS Code's own extensions; an empty
    // stand-in keeps the blocks that embed them working here as they do in the editor.
    loadGrammar: async (scopeName) =>
      scopeName === 'source.psreq'
        ? parseRawGrammar(readFileSync(join(process.cwd(), 'media/psreq.tmLanguage.json'), 'utf8'), 'psreq.tmLanguage.json')
        : parseRawGrammar(JSON.stringify({ scopeName, patterns: [] }), `${scopeName}.json`),
  });
  const grammar = await registry.loadGrammar('source.psreq');
  if (!grammar) throw new Error('the psreq grammar did not load');
  return grammar;
}

/** Each token of each line as [text, innermost scope]. */
function tokenize(grammar: IGrammar, text: string): [string, string][][] {
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => [line.slice(token.startIndex, token.endIndex), token.scopes[token.scopes.length - 1]] as [string, string]);
  });
}

function scopeOf(lines: [string, string][][], line: number, text: string): string | undefined {
  return lines[line].find(([tokenText]) => tokenText === text)?.[1];
}

describe('psreq TextMate grammar', () => {
  let grammar: IGrammar;
  before(async () => (grammar = await loadGrammar()));

  const sample = [
    '@pagesize = 100',
    '### Active students',
    '# @name activeJA',
    'GET /ws/v1/district/student?q=school_enrollment.enroll_status==A;name.last_name==JA*&pagesize={{pagesize}} HTTP/1.1',
    '    &expansions=demographics,school_enrollment',
    'Accept: application/json',
    '',
    '{ "students_dcid": [{{activeJA.response.body.id}}] }',
    '###',
    '// plain comment',
  ].join('\n');

  it('scopes separators, titles, directives and file variables', () => {
    const lines = tokenize(grammar, sample);
    assert.equal(scopeOf(lines, 0, 'pagesize'), 'variable.other.declaration.psreq');
    assert.equal(scopeOf(lines, 0, '='), 'keyword.operator.assignment.psreq');
    assert.equal(scopeOf(lines, 1, '###'), 'punctuation.separator.request.psreq');
    assert.equal(scopeOf(lines, 1, 'Active students'), 'entity.name.section.title.psreq');
    assert.equal(scopeOf(lines, 2, '@name'), 'keyword.other.directive.psreq');
    assert.equal(scopeOf(lines, 2, 'activeJA'), 'entity.name.function.directive-value.psreq');
  });

  it('scopes the method, path segments, query keys and the q-expression parts', () => {
    const lines = tokenize(grammar, sample);
    assert.equal(scopeOf(lines, 3, 'GET'), 'keyword.control.method.psreq');
    assert.equal(scopeOf(lines, 3, 'district'), 'entity.name.tag.path-segment.psreq');
    assert.equal(scopeOf(lines, 3, 'q'), 'variable.parameter.query-key.psreq');
    assert.equal(scopeOf(lines, 3, 'school_enrollment.enroll_status'), 'variable.other.property.field.q.psreq');
    assert.equal(scopeOf(lines, 3, '=='), 'keyword.operator.comparison.q.psreq');
    assert.equal(scopeOf(lines, 3, ';'), 'keyword.operator.logical.and.q.psreq');
    assert.equal(scopeOf(lines, 3, 'JA'), 'string.unquoted.value.q.psreq');
    assert.equal(scopeOf(lines, 3, '*'), 'keyword.operator.wildcard.q.psreq');
    assert.ok(lines[3].some(([text, scope]) => text === 'pagesize' && scope === 'variable.other.template.psreq'));
    assert.equal(scopeOf(lines, 3, 'HTTP/1.1'), 'constant.language.http-version.psreq');
    assert.equal(scopeOf(lines, 4, 'expansions'), 'variable.parameter.query-key.psreq');
    assert.equal(scopeOf(lines, 4, 'demographics,school_enrollment'), 'string.unquoted.query-value.psreq');
  });

  it('scopes headers, the JSON body with variables, and comments', () => {
    const lines = tokenize(grammar, sample);
    assert.equal(scopeOf(lines, 5, 'Accept'), 'entity.name.tag.header.psreq');
    assert.equal(scopeOf(lines, 5, 'application/json'), 'string.unquoted.header-value.psreq');
    assert.equal(scopeOf(lines, 7, 'activeJA.response.body.id'), 'variable.other.template.psreq');
    assert.match(lines[7][0][1], /source\.json|meta\.embedded\.block\.json/);
    assert.equal(lines[9][0][0], '//');
    assert.equal(lines[9][1][1], 'comment.line.double-slash.psreq');
  });
});

describe('psreq TextMate grammar: httpyac and IntelliJ lines', () => {
  let grammar: IGrammar;
  before(async () => (grammar = await loadGrammar()));

  it('ends the JSON body at a response handler and scopes handlers, redirects and assertions', () => {
    const text = [
      'POST /ws/v1/student',
      'Content-Type: application/json',
      '',
      '{ "a": 1 }',
      '> {%',
      '  client.log(1);',
      '%}',
      '>> ./out.json',
      '?? status == 200',
    ].join('\n');
    const lines = tokenize(grammar, text);
    assert.equal(scopeOf(lines, 4, '>'), 'keyword.operator.handler.psreq');
    assert.equal(scopeOf(lines, 4, '{%'), 'punctuation.section.embedded.begin.psreq');
    assert.ok(!lines[4].some(([, scope]) => /json/.test(scope)), 'the handler line is no longer JSON');
    assert.equal(scopeOf(lines, 6, '%}'), 'punctuation.section.embedded.end.psreq');
    assert.equal(scopeOf(lines, 7, './out.json'), 'string.unquoted.path.psreq');
    assert.equal(scopeOf(lines, 8, '??'), 'keyword.operator.assertion.psreq');
  });

  it('scopes a {{ }} script block above a request without starting a request', () => {
    const lines = tokenize(grammar, '{{\n  exports.x = 1;\n}}\nGET /ws/v1/time');
    assert.equal(scopeOf(lines, 0, '{{'), 'punctuation.section.embedded.begin.psreq');
    assert.ok(!lines[1].some(([, scope]) => scope.includes('url')));
    assert.equal(scopeOf(lines, 2, '}}'), 'punctuation.section.embedded.end.psreq');
    assert.equal(scopeOf(lines, 3, 'GET'), 'keyword.control.method.psreq');
  });
});
