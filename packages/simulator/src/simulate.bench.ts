import { bench, describe } from 'vitest';
import { generateLines } from './simulate.ts';

// Run with `npx vitest bench --project simulator`; never part of `vitest run`.
describe('generation speed', () => {
  bench('20,000 ordered lines (~45 MB)', () => {
    generateLines({ seed: 1, count: 20_000 });
  });

  bench('20,000 lines with chaos', () => {
    generateLines({ seed: 1, count: 20_000, chaos: true });
  });
});
