/** A Dockerfile instruction: `COPY a b ./` is { keyword: 'COPY', args: 'a b ./' }. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** The instructions of a Dockerfile: comments dropped, continuation lines joined. */
export function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (current === '' && /^\s*(#|$)/.test(line)) continue;
    const continued = /\\\s*$/.test(line);
    current += `${line.replace(/\\\s*$/, '').trim()} `;
    if (!continued) {
      logical.push(current.trim());
      current = '';
    }
  }
  if (current.trim() !== '') logical.push(current.trim());
  return logical.map((line) => {
    const space = line.indexOf(' ');
    return space < 0
      ? { keyword: line.toUpperCase(), args: '' }
      : { keyword: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).trim() };
  });
}

/** COPY's sources and destination, its --flags apart. */
export function copyParts(args: string): { flags: string[]; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const flags = words.filter((word) => word.startsWith('--'));
  const paths = words.filter((word) => !word.startsWith('--'));
  return { flags, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
}

/** ENV KEY=value KEY2=value2 (values without spaces or quotes, as this Dockerfile writes them). */
export function envPairs(args: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const word of args.split(/\s+/)) {
    const at = word.indexOf('=');
    if (at > 0) pairs[word.slice(0, at)] = word.slice(at + 1);
  }
  return pairs;
}

/**
 * Whether a path is sent in the build context by a .dockerignore written as an allow list
 * (`*`, then `!path` lines): some `!` line must name the path or a folder above it.
 */
export function allowedByIgnoreFile(ignoreText: string, path: string): boolean {
  const lines = ignoreText.split('\n').map((line) => line.trim());
  if (!lines.includes('*')) return true;
  return lines
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).replace(/\/$/, ''))
    .some((allowed) => path === allowed || path.startsWith(`${allowed}/`));
}
