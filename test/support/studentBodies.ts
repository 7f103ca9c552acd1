/**
 * The big student body the payload tests and benchmarks edit: `students` UPDATEs with a name,
 * demographics and an address, 1 in 500 with a gender PowerSchool refuses ("X"), and the
 * `$schema` that makes any JSON document a payload. 10,000 students make 4.1 MB.
 */
export function studentUpdatesBody(students: number): string {
  const records = Array.from({ length: students }, (_, index) => ({
    client_uid: String(index + 1), action: 'UPDATE', id: 10_000 + index,
    name: { first_name: `Given${index}`, last_name: `Family${index}` },
    demographics: { gender: index % 500 === 499 ? 'X' : 'F', birth_date: '2015-04-12' },
    addresses: { physical: { street: `${index} Elm St`, city: 'Springfield', state_province: 'IL', postal_code: '62701' } },
  }));
  return JSON.stringify({ $schema: 'powerschool-schema://schemas/student-post.schema.json', students: { student: records } }, null, 1);
}
