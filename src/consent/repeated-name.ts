/**
 * The first member name that JSON text repeats within one object, or
 * undefined. `JSON.parse` keeps the last of the repeated members and other
 * parsers may keep the first, so a signed record that repeats a name can be
 * read two ways: the verifier refuses it. Names compare decoded (`"n"` and
 * `"\u006e"` are one name). Meant for text that already parsed as JSON.
 */
export function repeatedMemberName(text: string): string | undefined {
  // One entry per open bracket: the names seen so far for an object, undefined for an array.
  const open: Array<Set<string> | undefined> = [];
  let expectingName = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const names = open.at(-1);
      if (names && expectingName) {
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (names.has(name)) return name;
        names.add(name);
        expectingName = false;
      }
      i = end;
    } else if (char === '{') {
      open.push(new Set());
      expectingName = true;
    } else if (char === '[') {
      open.push(undefined);
    } else if (char === '}' || char === ']') {
      open.pop();
    } else if (char === ',') {
      expectingName = open.at(-1) !== undefined;
    }
  }
  return undefined;
}
