import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function fixtureLines(name: string): string[] {
  return fixtureText(name)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

export const WHOAMI = 'docs-whoami-exec-exit.jsonl';
export const TESTDATA = 'testdata-events.jsonl';
export const THROTTLE = 'docs-throttle-events.jsonl';
export const CURL = 'docs-curl-exec-without-clone.jsonl';

/** exec_ids in the whoami sample. */
export const WHOAMI_EXEC_ID = 'a2luZC1jb250cm9sLXBsYW5lOjExNDI4NjE1NjM2OTAxOjUxNTgz';
export const BASH_EXEC_ID = 'a2luZC1jb250cm9sLXBsYW5lOjkwNzkyMjU2MjMyNjk6NDM4NzI=';
export const XWING = 'pod/default/xwing';
