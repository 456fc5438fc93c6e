/**
 * Offsets of a time zone, for turning a Parquet timestamp with a zone into the wall-clock time
 * there. DuckDB-WASM has no ICU, so it can neither convert TIMESTAMP WITH TIME ZONE to a DATE nor
 * format it; the browser's Intl knows the zones.
 */

/** Seconds east of UTC in force at an instant (ms since the epoch). */
export type OffsetAt = (ms: number) => number;

const UTC = /^(?:UTC|GMT|Z|Etc\/UTC|Etc\/GMT|Etc\/Universal|Universal|Zulu)$/i;
const FIXED = /^([+-])(\d{1,2})(?::?(\d{2}))?$/;
const MINUTE = 60_000;

/** The offsets of `zone` (an IANA name or a fixed offset such as `+08:00`), or null if unknown. */
export function zoneOffsets(zone: string): OffsetAt | null {
  if (UTC.test(zone)) return () => 0;
  const fixed = FIXED.exec(zone);
  if (fixed) {
    const seconds = (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60;
    return fixed[1] === '-' ? () => -seconds : () => seconds;
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return null;
  }
  // Zones change offset on whole minutes (since 1900), so one lookup per minute is exact.
  const cache = new Map<number, number>();
  return (ms) => {
    const minute = Math.floor(ms / MINUTE);
    let offset = cache.get(minute);
    if (offset === undefined) {
      offset = offsetOf(format, minute * MINUTE);
      cache.set(minute, offset);
    }
    return offset;
  };
}

function offsetOf(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = parts['era'] === 'BC' || parts['era'] === 'B' ? 1 - Number(parts['year']) : Number(parts['year']);
  const local = new Date(0);
  local.setUTCFullYear(year, Number(parts['month']) - 1, Number(parts['day']));
  local.setUTCHours(Number(parts['hour']), Number(parts['minute']), Number(parts['second']), 0);
  return Math.round((local.getTime() - ms) / 1000);
}
