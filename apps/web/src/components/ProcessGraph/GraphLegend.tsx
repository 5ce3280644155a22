const ITEMS = [
  { tone: 'running', label: 'running' },
  { tone: 'ok', label: 'exit 0' },
  { tone: 'warn', label: 'exit ≠ 0' },
  { tone: 'danger', label: 'signal' },
  { tone: 'muted', label: 'replaced' },
] as const;

export function GraphLegend() {
  return (
    <ul className="glegend" aria-label="Legend">
      {ITEMS.map((item) => (
        <li key={item.tone} className={`glegend__item glegend__item--${item.tone}`}>
          <span className="glegend__swatch" aria-hidden="true" />
          {item.label}
        </li>
      ))}
      <li className="glegend__item">
        <span className="glegend__marker" aria-hidden="true">
          !
        </span>
        finding
      </li>
      <li className="glegend__item">
        <span className="glegend__lane" aria-hidden="true" />
        exec chain
      </li>
    </ul>
  );
}
