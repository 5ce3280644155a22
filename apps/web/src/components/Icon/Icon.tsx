/** A small set of 16px stroke icons, drawn for this app. */
export type IconName =
  | 'search'
  | 'pod'
  | 'host'
  | 'container'
  | 'close'
  | 'plus'
  | 'minus'
  | 'fit'
  | 'copy'
  | 'check'
  | 'link'
  | 'alert'
  | 'info'
  | 'tree'
  | 'chevron-right'
  | 'arrow-up'
  | 'terminal'
  | 'wifi-off'
  | 'collapse'
  | 'stack'
  | 'pause'
  | 'play'
  | 'share'
  | 'filter'
  | 'chevron-up'
  | 'chevron-down'
  | 'timeline'
  | 'split'
  | 'range'
  | 'clock'
  | 'restart'
  | 'flag'
  | 'braces';

const PATHS: Record<IconName, string> = {
  search: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM11 11l3.5 3.5',
  pod: 'M8 1.5 14 5v6l-6 3.5L2 11V5l6-3.5ZM2 5l6 3.5L14 5M8 8.5v6',
  host: 'M2.5 2.5h11v4h-11zM2.5 9.5h11v4h-11zM5 4.5h.01M5 11.5h.01',
  container: 'M2.5 4.5h11v9h-11zM2.5 4.5l1.5-2h8l1.5 2M6 7.5h4',
  close: 'M4 4l8 8M12 4l-8 8',
  plus: 'M8 3v10M3 8h10',
  minus: 'M3 8h10',
  fit: 'M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10',
  copy: 'M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3',
  check: 'M3 8.5l3 3 7-7',
  link: 'M7 9a3 3 0 0 0 4.2 0l2-2a3 3 0 0 0-4.2-4.2l-.8.8M9 7a3 3 0 0 0-4.2 0l-2 2A3 3 0 0 0 7 13.2l.8-.8',
  alert: 'M8 2 1.5 13.5h13L8 2ZM8 6.5v3M8 11.5h.01',
  info: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM8 7.5v4M8 5h.01',
  tree: 'M2.5 2.5h4v3h-4zM9.5 6.5h4v3h-4zM9.5 11h4v3h-4zM4.5 5.5v7h5M4.5 8h5',
  'chevron-right': 'M6 3.5 10.5 8 6 12.5',
  'arrow-up': 'M8 13V3M3.5 7.5 8 3l4.5 4.5',
  terminal: 'M2.5 3h11v10h-11zM5 6.5 7 8.5 5 10.5M8.5 10.5h3',
  collapse: 'M5 2.5 8 5.5l3-3M5 13.5l3-3 3 3M2.5 8h11',
  stack: 'M3 5.5h10v8H3zM4.5 3.5h7M6 1.5h4',
  restart: 'M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3',
  flag: 'M3.5 14.5v-12M3.5 2.5h8l-1.5 3 1.5 3h-8',
  braces:
    'M6 2.5c-1.5 0-2 .7-2 2v1.5c0 1-.5 1.5-1.5 2 1 .5 1.5 1 1.5 2v1.5c0 1.3.5 2 2 2M10 2.5c1.5 0 2 .7 2 2v1.5c0 1 .5 1.5 1.5 2-1 .5-1.5 1-1.5 2v1.5c0 1.3-.5 2-2 2',
  pause: 'M5.5 3.5v9M10.5 3.5v9',
  play: 'M5 3.2v9.6L12.5 8 5 3.2Z',
  share: 'M8 1.8v8.4M5 4.6l3-3 3 3M3.5 8v5.5h9V8',
  filter: 'M2.5 3h11l-4.25 5.25V13l-2.5 1.5V8.25L2.5 3Z',
  'chevron-up': 'M3.5 10 8 5.5l4.5 4.5',
  'chevron-down': 'M3.5 6 8 10.5 12.5 6',
  timeline: 'M2.5 4h6M5 8h8.5M3.5 12h5',
  split: 'M2.5 2.5h11v11h-11zM2.5 8h11',
  range: 'M2.5 3v10M13.5 3v10M5 8h6M6.5 6.5 5 8l1.5 1.5M9.5 6.5 11 8l-1.5 1.5',
  clock: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM8 4.5V8l2.5 1.5',
  'wifi-off':
    'M2 2l12 12M5.5 8.5a4 4 0 0 1 5 0M3 6a7.5 7.5 0 0 1 3-1.6M13 6a7.5 7.5 0 0 0-3.3-1.7M8 12h.01',
};

interface IconProps {
  name: IconName;
  size?: number;
  className?: string;
}

export function Icon({ name, size = 16, className }: IconProps) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
