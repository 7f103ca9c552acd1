/** A construct the sandbox cannot run faithfully, named for the author, at its SQL offset. */
export class UnsupportedSql extends Error {
  constructor(readonly construct: string, readonly start: number, readonly end: number, detail = '') {
    super(`The sandbox cannot run ${construct}${detail ? `: ${detail}` : ''}`);
  }
}
