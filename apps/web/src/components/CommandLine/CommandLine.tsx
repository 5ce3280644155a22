import { Fragment } from 'react';
import { CopyButton } from '../CopyButton/CopyButton.tsx';
import './CommandLine.css';

/** A shell command on one scrollable line, with a copy button. */
export function CommandLine({ command }: { command: string }) {
  return (
    <div className="cmdline">
      <code className="cmdline__code">
        <span className="cmdline__prompt" aria-hidden="true">
          ${' '}
        </span>
        {/* Tokens never break inside (not even after "export-"); lines break between them. */}
        {command.split(' ').map((token, i) => (
          <Fragment key={i}>
            {i > 0 && ' '}
            <span className="cmdline__token">{token}</span>
          </Fragment>
        ))}
      </code>
      <CopyButton text={command} label="Copy command" />
    </div>
  );
}
