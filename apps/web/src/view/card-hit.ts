/** What a point on a card falls on: its fold toggle, a lane image's name, or the card. */
import { NAME_Y, TOGGLE_H, type CardModel } from './card-model.ts';

export type CardHit =
  { part: 'toggle' } | { part: 'card'; execId: string | null } | { part: 'none' };

/** What a point in card coordinates falls on. The toggle sticks out past the right edge. */
export function hitCard(
  model: CardModel,
  x: number,
  y: number,
  width: number,
  height: number,
): CardHit {
  const toggle = model.toggle;
  if (toggle) {
    const inX = x >= toggle.x - 2 && x <= toggle.x + toggle.width + 2;
    if (inX && Math.abs(y - height / 2) <= TOGGLE_H / 2 + 2) {
      return { part: 'toggle' };
    }
  }
  if (x < 0 || y < 0 || x > width || y > height) return { part: 'none' };
  const lastId = model.names[model.names.length - 1]?.execId ?? null;
  if (model.names.length > 1 && y <= NAME_Y + 6) {
    for (const segment of model.names) {
      if (x >= segment.x - 2 && x <= segment.x + segment.width + 2) {
        return { part: 'card', execId: segment.execId ?? lastId };
      }
    }
  }
  return { part: 'card', execId: lastId };
}
