// Entry of a parse worker thread. There is no build step, and a worker does not inherit the
// TypeScript loader its parent registered, so it registers tsx before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
