/** Finds the descendant whose data attribute equals `value`, without building a selector. */
export function findByData<T extends HTMLElement | SVGElement>(
  root: ParentNode | null | undefined,
  attribute: string,
  value: string,
): T | undefined {
  if (!root) return undefined;
  const name = `data-${attribute}`;
  for (const el of root.querySelectorAll<T>(`[${name}]`)) {
    if (el.getAttribute(name) === value) return el;
  }
  return undefined;
}
