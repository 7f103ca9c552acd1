import * as assert from 'node:assert/strict';
import { fuzzyMatch, searchCatalog, type SearchItem } from '../../../src/core/catalog';

const items: SearchItem[] = ['STUDENTS', 'STUDENTSCHEDULE', 'STUDENTTEST', 'U_STUDENTSUSERFIELDS', 'SCHOOLS', 'SCHOOLSTAFF', 'CC', 'TERMS']
  .map((name): SearchItem => ({ kind: 'table', name }))
  .concat(['com.pearson.core.guardian.student_guardian_detail', 'com.pearson.core.terms.yearid', 'com.pearson.core.school.school_detail'].map((name): SearchItem => ({ kind: 'powerQuery', name })));
const names = (query: string, limit = 3) => searchCatalog(items, query, limit).map((hit) => hit.item.name);

describe('catalog: fuzzy search', () => {
  it('puts an exact name first, then prefixes, then substrings', () => {
    assert.deepEqual(names('students'), ['STUDENTS', 'STUDENTSCHEDULE', 'U_STUDENTSUSERFIELDS']);
    assert.equal(names('cc', 1)[0], 'CC');
  });

  it('matches subsequences, preferring word starts', () => {
    assert.equal(names('guarddet', 1)[0], 'com.pearson.core.guardian.student_guardian_detail');
    assert.equal(names('sch det', 1)[0], 'com.pearson.core.school.school_detail');
    assert.equal(names('stusched', 1)[0], 'STUDENTSCHEDULE');
  });

  it('reports the matched character positions for highlighting', () => {
    const match = fuzzyMatch('sdt', 'school_detail');
    assert.ok(match);
    assert.deepEqual(match.matches, [0, 7, 9]);
    assert.deepEqual(fuzzyMatch('ool', 'SCHOOLS')?.matches, [3, 4, 5]);
  });

  it('finds a subsequence even when preferring a later word start would miss it', () => {
    assert.deepEqual(fuzzyMatch('ab', 'xa_b_a')?.matches, [1, 3]);
  });

  it('returns nothing for a non-match and everything alphabetically for an empty query', () => {
    assert.deepEqual(names('zzz'), []);
    assert.equal(fuzzyMatch('qx', 'STUDENTS'), undefined);
    assert.deepEqual(names('', 3), ['CC', 'com.pearson.core.guardian.student_guardian_detail', 'com.pearson.core.school.school_detail']);
  });
});
