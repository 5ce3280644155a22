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
    </ul>
  );
}
