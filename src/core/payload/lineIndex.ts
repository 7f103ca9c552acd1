/** 0-based line and column (UTF-16 code units, as VS Code counts them). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Converts offsets to line/column; the line starts are found once, lookups are binary searches. */
export function createLineIndex(text: string): (offset: number) => LineColumn {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, column: offset - starts[low]! };
  };
}
