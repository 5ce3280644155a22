/**
 * serve's defaults, which the help texts and `import` share. Kept apart from serve-config.ts,
 * which loads zod and the serve options' modules (and re-exports these), so `--help` and
 * `import` start quickly.
 */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
export const DEFAULT_DB = './data/exectree.db';
