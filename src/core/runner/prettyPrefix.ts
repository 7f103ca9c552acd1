/**
 * The first `limit` characters of `JSON.stringify(JSON.parse(json), null, 2)`, computed from
 * the compact text in one pass that stops at the limit: a 50 MB body costs the same as a
 * 500 KB one. Text that is not JSON comes back cut as it is.
 */
export function prettyPrefix(json: string, limit: number): string {
  const trimmed = json.trimStart();
  if (trimmed[0] !== '{' && trimmed[0] !== '[') return json.slice(0, limit);
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = (level: number) => '\n' + '  '.repeat(level);
  for (let i = 0; i < json.length && out.length < limit; i++) {
    const ch = json[i];
    if (inString) {
      // Copy a run of plain string characters at once.
      let end = i;
      while (end < json.length && json[end] !== '"' && json[end] !== '\\') end++;
      if (end > i) {
        out += json.slice(i, end);
        i = end - 1;
        continue;
      }
      if (ch === '\\') {
        out += json.slice(i, i + 2);
        i++;
      } else {
        out += ch;
        inString = false;
      }
      continue;
    }
    switch (ch) {
      case '"':
        inString = true;
        out += ch;
        break;
      case '{':
      case '[': {
        let next = i + 1;
        while (next < json.length && /\s/.test(json[next])) next++;
        if (json[next] === (ch === '{' ? '}' : ']')) {
          out += ch + json[next];
          i = next;
        } else {
          depth++;
          out += ch + newline(depth);
        }
        break;
      }
      case '}':
      case ']':
        depth = Math.max(0, depth - 1);
        out += newline(depth) + ch;
        break;
      case ',':
        out += ',' + newline(depth);
        break;
      case ':':
        out += ': ';
        break;
      case ' ':
      case '\n':
      case '\r':
      case '\t':
        break;
      default:
        out += ch;
    }
  }
  return out.slice(0, limit);
}
