import { memo } from 'react';
import type { LayoutLink } from '../../view/layout.ts';

interface GraphLinksProps {
  links: readonly LayoutLink[];
  /** Targets whose incoming link is on the selected node's ancestry path. */
  highlighted: ReadonlySet<string>;
}

export const GraphLinks = memo(function GraphLinks({ links, highlighted }: GraphLinksProps) {
  return (
    <g className="glinks" aria-hidden="true">
      {links.map((link) => (
        <path
          key={link.id}
          d={link.path}
          className={highlighted.has(link.target) ? 'glink glink--path' : 'glink'}
        />
      ))}
    </g>
  );
});
