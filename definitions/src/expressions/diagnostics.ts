import type { ExpressionDiagnostic, LocalizedText, SourcePosition } from './expression-api';

/** A diagnostic before offsets are turned into line/column positions. */
export interface RawDiagnostic {
  readonly code: string;
  readonly message: LocalizedText;
  readonly start: number;
  readonly end: number;
}

/** Collects diagnostics by offset; `locate` turns them into positions once, at the end. */
export class DiagnosticSink {
  readonly items: RawDiagnostic[] = [];

  report(code: string, zh: string, en: string, start: number, end: number): void {
    this.items.push({ code, message: { zh, en }, start, end });
  }

  get hasErrors(): boolean {
    return this.items.length > 0;
  }
}

/** Converts 0-based offsets to 1-based line/column; `\n`, `\r\n` and `\r` all end a line. */
export function createPositionLocator(source: string): (offset: number) => SourcePosition {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 13 && source.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) lineStarts.push(i + 1);
  }
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, source.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { offset: clamped, line: low + 1, column: clamped - (lineStarts[low] ?? 0) + 1 };
  };
}

/** Locates every raw diagnostic in `source`, sorted by position. */
export function locateDiagnostics(
  source: string,
  raw: readonly RawDiagnostic[],
): ExpressionDiagnostic[] {
  const locate = createPositionLocator(source);
  return [...raw]
    .sort((a, b) => a.start - b.start)
    .map((d) => ({ code: d.code, message: d.message, start: locate(d.start), end: locate(d.end) }));
}
