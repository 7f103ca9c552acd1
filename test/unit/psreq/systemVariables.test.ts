import * as assert from 'node:assert/strict';
import { VariableResolver } from '../../../src/core/psreq';

// REST Client's system variables (moment.js formats and offsets), checked against what
// REST Client itself produces for the same clock.
const at = (iso: string) => ({
  now: () => new Date(iso),
  randomUuid: () => '00000000-1111-2222-3333-444444444444',
  processEnv: { PS_TOKEN_HINT: 'from-env' } as Record<string, string | undefined>,
});

async function value(text: string, sources: ConstructorParameters<typeof VariableResolver>[0]): Promise<string> {
  const resolved = await new VariableResolver(sources).resolve(text);
  assert.deepEqual(resolved.problems, [], text);
  return resolved.text;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** moment's `Z` for a local date: +HH:mm. */
function localOffset(date: Date, separator: string): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}${separator}${pad(Math.abs(minutes) % 60)}`;
}

describe('psreq system variables (REST Client semantics)', () => {
  it('formats $datetime with moment tokens, including names, 12-hour clock and [escaped] text', async () => {
    const sources = at('2026-03-04T15:06:07.089Z');
    assert.equal(await value('{{$datetime "DD MMM YYYY, ddd h:mm A"}}', sources), '04 Mar 2026, Wed 3:06 PM');
    assert.equal(await value("{{$datetime 'YYYY-MM-DD[T]HH:mm:ss.SSS[Z]'}}", sources), '2026-03-04T15:06:07.089Z');
    assert.equal(await value('{{$datetime "dddd, MMMM Do YYYY"}}', sources), 'Wednesday, March 4th 2026');
    assert.equal(await value('{{$datetime "D/M/YY H:m:s"}}', sources), '4/3/26 15:6:7');
    assert.equal(await value('{{$datetime "X x Z"}}', sources), `${Date.parse('2026-03-04T15:06:07.089Z') / 1000 | 0} ${Date.parse('2026-03-04T15:06:07.089Z')} +00:00`);
  });

  it('adds months and years as moment does: the day is clamped to the end of a shorter month', async () => {
    const sources = at('2026-01-31T10:00:00.000Z');
    assert.equal(await value('{{$datetime "YYYY-MM-DD" 1 M}}', sources), '2026-02-28');
    assert.equal(await value('{{$datetime "YYYY-MM-DD" -2 M}}', sources), '2025-11-30');
    assert.equal(await value('{{$datetime "YYYY-MM-DD" 1 Q}}', sources), '2026-04-30');
    assert.equal(await value('{{$datetime "YYYY-MM-DD" 1 y}}', at('2024-02-29T00:00:00.000Z')), '2025-02-28');
    assert.equal(await value('{{$timestamp 1 Q}}', sources), String(Date.parse('2026-04-30T10:00:00.000Z') / 1000));
  });

  it('gives $localDatetime iso8601 with milliseconds and the local offset, rfc1123 in local time', async () => {
    const iso = '2026-03-04T15:06:07.089Z';
    const local = new Date(iso);
    const date = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
    const time = `${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`;
    assert.equal(await value('{{$localDatetime iso8601}}', at(iso)), `${date}T${time}.089${localOffset(local, ':')}`);
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][local.getDay()];
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][local.getMonth()];
    assert.equal(await value('{{$localDatetime rfc1123}}', at(iso)), `${day}, ${pad(local.getDate())} ${month} ${local.getFullYear()} ${time} ${localOffset(local, '')}`);
  });

  it('draws $randomInt from [min, max) even when the range is wider than crypto.randomInt allows', async () => {
    const wide = await new VariableResolver({}).resolve('{{$randomInt 0 9007199254740991}}');
    assert.deepEqual(wide.problems, []);
    const drawn = Number(wide.text);
    assert.ok(Number.isSafeInteger(drawn) && drawn >= 0 && drawn < 9007199254740991, wide.text);
    for (let i = 0; i < 50; i++) {
      const small = Number((await new VariableResolver({}).resolve('{{$randomInt -3 -1}}')).text);
      assert.ok(small === -3 || small === -2, String(small));
    }
    const unsafe = await new VariableResolver({}).resolve('{{$randomInt 0 99999999999999999999}}');
    assert.match(unsafe.problems[0]?.message ?? '', /\$randomInt/);
  });

  it('reads {{$processEnv %name}} through the environment variable `name`, as REST Client does', async () => {
    const sources = { ...at('2026-03-04T15:06:07.089Z'), environment: { tokenVariable: 'PS_TOKEN_HINT' } };
    assert.equal(await value('{{$processEnv %tokenVariable}}', sources), 'from-env');
    assert.equal(await value('{{$processEnv PS_TOKEN_HINT}}', sources), 'from-env');
    const missing = await new VariableResolver(sources).resolve('{{$processEnv %nowhere}}');
    assert.match(missing.problems[0]?.message ?? '', /nowhere/);
  });

  it('says plainly that the Azure token variables are not supported', async () => {
    for (const name of ['$aadToken', '$aadV2Token']) {
      const resolved = await new VariableResolver({}).resolve(`{{${name}}}`);
      assert.match(resolved.problems[0]?.message ?? '', /not supported in \.psreq/, name);
    }
  });

  it('reads {{$dotenv NAME}} from the .env values, naming a missing one', async () => {
    const resolver = new VariableResolver({ dotenv: { API_KEY: 'k1' } });
    assert.equal((await resolver.resolve('{{$dotenv API_KEY}}')).text, 'k1');
    assert.equal((await resolver.resolve('{{$dotenv OTHER}}')).problems[0]!.message, 'OTHER is not in a .env file next to this file or at the workspace root');
  });
});
