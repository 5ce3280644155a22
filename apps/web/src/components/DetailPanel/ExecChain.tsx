import { Fragment } from 'react';
import type { Process } from '@exectree/domain';
import { selectProcess } from '../../stores/ui-store.ts';
import { basename, printable } from '../../view/format.ts';

/** "sh → nginx": the images one pid ran without forking; each opens its own details. */
export function ExecChain({ chain, current }: { chain: readonly Process[]; current: string }) {
  return (
    <span className="execchain" data-testid="exec-chain">
      {chain.map((p, i) => (
        <Fragment key={p.execId}>
          {i > 0 && (
            <span className="execchain__arrow" aria-label="then exec">
              →
            </span>
          )}
          {p.execId === current ? (
            <strong className="execchain__current mono" aria-current="true">
              {basename(printable(p.binary || '<unknown>'))}
            </strong>
          ) : (
            <button
              type="button"
              className="linkish"
              title={printable(`${p.binary} ${p.arguments}`.trim())}
              onClick={() => selectProcess(p.execId, p.group)}
            >
              {basename(printable(p.binary || '<unknown>'))}
            </button>
          )}
        </Fragment>
      ))}
      <span className="field__hint">same pid, exec without fork</span>
    </span>
  );
}
