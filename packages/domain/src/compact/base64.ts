const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE: Readonly<Record<string, string>> = { '-': '+', _: '/' };

/**
 * Lower-case hex of a protojson `bytes` value (standard or URL-safe base64, padding
 * optional), or undefined when the text is not base64.
 */
export function base64ToHex(text: string): string | undefined {
  const digits = text.replace(/=+$/, '');
  let bits = 0;
  let bitCount = 0;
  let hex = '';
  for (const char of digits) {
    const value = ALPHABET.indexOf(URL_SAFE[char] ?? char);
    if (value < 0) return undefined;
    bits = ((bits << 6) | value) & 0xfff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      hex += ((bits >> bitCount) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return hex;
}
