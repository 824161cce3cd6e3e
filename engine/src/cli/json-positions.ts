/**
 * A position-aware JSON scan: records where each value starts, by JSON pointer, so problems found
 * on the parsed document can be printed as file:line:col. Assumes the text already parsed.
 */

/** 1-based line and column of a character offset. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Value start offsets by pointer, plus line starts for offset → line/column. */
export interface JsonPositions {
  /** Offset of the value's first character (the opening quote for strings). */
  valueOffset(pointer: string): number | undefined;
  position(offset: number): TextPosition;
  /** Raw offset of the `index`-th decoded character inside the string value at `pointer`. */
  stringCharOffset(pointer: string, index: number): number | undefined;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Scans JSON text once and indexes every value by pointer. */
export function scanJsonPositions(text: string): JsonPositions {
  const offsets = new Map<string, number>();
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text.charAt(i))) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const readValue = (pointer: string): void => {
    skipSpace();
    offsets.set(pointer, i);
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      skipSpace();
      while (text.charAt(i) !== '}' && i < text.length) {
        skipSpace();
        const key = readString();
        skipSpace();
        i++; // ':'
        readValue(`${pointer}/${escapeSegment(key)}`);
        skipSpace();
        if (text.charAt(i) === ',') i++;
        skipSpace();
      }
      i++;
    } else if (c === '[') {
      i++;
      skipSpace();
      for (let index = 0; text.charAt(i) !== ']' && i < text.length; index++) {
        readValue(`${pointer}/${index}`);
        skipSpace();
        if (text.charAt(i) === ',') i++;
        skipSpace();
      }
      i++;
    } else if (c === '"') readString();
    else while (i < text.length && !',]} \t\r\n'.includes(text.charAt(i))) i++;
  };
  readValue('');

  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text.charAt(k) === '\n') lineStarts.push(k + 1);
  const position = (offset: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };
  const stringCharOffset = (pointer: string, index: number): number | undefined => {
    const start = offsets.get(pointer);
    if (start === undefined || text.charAt(start) !== '"') return undefined;
    let raw = start + 1;
    for (let decoded = 0; decoded < index && text.charAt(raw) !== '"'; decoded++) {
      raw += text.charAt(raw) !== '\\' ? 1 : text.charAt(raw + 1) === 'u' ? 6 : 2;
    }
    return raw;
  };
  return { valueOffset: (pointer) => offsets.get(pointer), position, stringCharOffset };
}

/** The closest recorded ancestor of a pointer (a problem may point at a property that is absent). */
export function nearestOffset(positions: JsonPositions, pointer: string): number {
  let current = pointer;
  for (;;) {
    const found = positions.valueOffset(current);
    if (found !== undefined) return found;
    if (current === '') return 0;
    current = current.slice(0, current.lastIndexOf('/'));
  }
}
