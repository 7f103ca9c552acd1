// Random .psreq texts and edit sequences for the incremental parse and check property tests:
// a seeded generator, so a failure names the seed that reproduces it.
import type { TextChange } from '../../../src/core/psreq';
import { seededRandom } from '../seededRandom';


const requests = [
  '### students\n# @name list\nGET /ws/v1/district/student?q=name.last_nam==S*&pagesize={{size}}\n\n',
  '### table\nGET /ws/schema/table/students?q=grade_levl==3&projection=dcid,last_nam\n\n',
  '### query\nPOST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail\nContent-Type: application/json\n\n{ "students_dcid": [{{list.response.body.id}}], "$q": "students.dcid==1,students.dcid==2" }\n\n',
  '@size = 100\n@other = {{size}}\n\n',
  '# @name list\nGET /ws/v1/school/{{x}}\n',
  'POST http://127.0.0.2:9/ws/v1/student?t={{$processEnv TOKEN}}\nContent-Type: application/json\n\n{"students": {"student": [{"client_uid": "1", "action": "INSERT"}]}}\n\n',
  '/*\nGET /commented\n*/\nGET /ws/v1/district\n',
  '# @prompt who\nGET /ws/v1/student/{{who}}?expansions=demographics,bogus\n',
];

/** What the edits insert: the separators, names, variables and references that cross blocks. */
const insertions = ['###', '### t\n', '\n', '\n\n', '@x = 1\n', '@x = 1', '{{x}}', '{{list.response.body.id}}', '# @name ', '# @name list\n', 'GET /ws/v1/district\n', 'x', ' ', '/*\n', '*/\n', '?', '&', '=', 'q=', '#', '\r\n'];

export function randomText(random: () => number, count = 1 + Math.floor(random() * 6)): string {
  let text = '';
  for (let i = 0; i < count; i++) text += requests[Math.floor(random() * requests.length)];
  return text;
}

/** One random edit of `text`: inserting one of the pieces above, or deleting a few characters. */
export function randomEdit(random: () => number, text: string): { text: string; change: TextChange } {
  const start = Math.floor(random() * (text.length + 1));
  if (random() < 0.4 && text.length > 0) {
    const length = Math.min(text.length - start, 1 + Math.floor(random() * (random() < 0.2 ? 40 : 4)));
    return { text: text.slice(0, start) + text.slice(start + length), change: { start, oldEnd: start + length, newEnd: start } };
  }
  const inserted = insertions[Math.floor(random() * insertions.length)];
  return { text: text.slice(0, start) + inserted + text.slice(start), change: { start, oldEnd: start, newEnd: start + inserted.length } };
}

/** Runs `property` once per seed; a failure names the seed that reproduces it. */
export async function forEachSeed(first: number, count: number, property: (random: () => number, seed: number) => void | Promise<void>): Promise<void> {
  for (let seed = first; seed < first + count; seed++) {
    try {
      await property(seededRandom(seed), seed);
    } catch (error) {
      if (error instanceof Error) error.message = `seed ${seed}: ${error.message}`;
      throw error;
    }
  }
}

/** The sequences the normal suite runs; PSDEV_SOAK=1 runs many more. */
export const sequenceCount = process.env.PSDEV_SOAK === '1' ? 50_000 : 1_000;
