/** exec_id is base64("<node>:<ktime ns since boot>:<pid>"); identity stays the opaque string. */
export interface DecodedExecId {
  node: string;
  ktime: string;
  pid: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): string | undefined {
  if (!BASE64.test(text) || text.length % 4 === 1) return undefined;
  try {
    const binary = atob(text);
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Splits on the last two colons, since node names may contain colons. */
export function decodeExecId(execId: string): DecodedExecId | undefined {
  const text = decodeBase64(execId);
  if (text === undefined) return undefined;
  const last = text.lastIndexOf(':');
  const middle = last > 0 ? text.lastIndexOf(':', last - 1) : -1;
  if (middle < 0) return undefined;
  const pidText = text.slice(last + 1);
  const ktime = text.slice(middle + 1, last);
  if (!/^\d+$/.test(pidText) || !/^\d+$/.test(ktime)) return undefined;
  return { node: text.slice(0, middle), ktime, pid: Number(pidText) };
}

export function encodeExecId(node: string, ktime: bigint | number | string, pid: number): string {
  const bytes = new TextEncoder().encode(`${node}:${ktime}:${pid}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
