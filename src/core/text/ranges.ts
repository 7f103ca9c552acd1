/** Orders spans of a text as readers meet them: by start, the shorter first where two start together. */
export function byRange(a: { readonly start: number; readonly end: number }, b: { readonly start: number; readonly end: number }): number {
  return a.start - b.start || a.end - b.end;
}
