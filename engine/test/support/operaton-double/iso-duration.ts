import { engineFailure } from './engine-state';

/** `P1DT2H30M`, `PT24H`, `P2W`, `PT0.5S` → milliseconds (years and months as 365 and 30 days). */
export function parseIsoDuration(text: string): number {
  const match =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text,
    );
  if (!match || text === 'P' || text.endsWith('T')) {
    throw engineFailure(`ENGINE-09026 Exception while parsing duration '${text}'`);
  }
  const [, y, mo, w, d, h, mi, s] = match.map((part) => Number(part ?? 0));
  const days = (y ?? 0) * 365 + (mo ?? 0) * 30 + (w ?? 0) * 7 + (d ?? 0);
  return Math.round((((days * 24 + (h ?? 0)) * 60 + (mi ?? 0)) * 60 + (s ?? 0)) * 1000);
}
