const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * "100MB", "512k", "1.5G", "2MiB" or plain bytes. Suffixes are binary (k = 1024), as
 * file sizes are usually meant. Returns undefined when the text is not a size.
 */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (match === null) return undefined;
  const [, amount = '', unit = ''] = match;
  const factor = UNITS[unit.toLowerCase()];
  if (factor === undefined) return undefined;
  const bytes = Math.floor(Number(amount) * factor);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
