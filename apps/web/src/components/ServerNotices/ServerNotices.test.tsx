import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { InfoResponse, LimitStatus } from '@exectree/domain';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { TopBar } from '../TopBar/TopBar.tsx';
import { LimitsChip } from './LimitsChip.tsx';
import { RebuildBanner } from './RebuildBanner.tsx';
import { useServerInfo } from './useServerInfo.ts';

const info = (patch: Partial<InfoResponse>): InfoResponse => ({
  version: '1.2.3',
  demo: false,
  sources: [],
  ...patch,
});

const MAX_LINE: LimitStatus = { name: 'max_line', limit: 256, unit: 'bytes', hits: 2 };

describe('RebuildBanner', () => {
  it('shows the progress while the server rebuilds', () => {
    render(<RebuildBanner progress={{ replayed: 4_500, total: 10_000 }} />);
    expect(screen.getByRole('status').textContent).toBe(
      'Rebuilding process trees from the store… 45 %',
    );
    expect(
      screen.getByRole('progressbar', { name: 'Events replayed' }).getAttribute('aria-valuenow'),
    ).toBe('45');
    expect(screen.getByTestId('rebuild-banner').textContent).toContain(
      'replaying 4,500 of 10,000 stored events',
    );
  });

  it('is gone when there is no rebuild', () => {
    const { container, rerender } = render(<RebuildBanner progress={null} />);
    expect(container.innerHTML).toBe('');
    rerender(<RebuildBanner progress={undefined} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('LimitsChip', () => {
  it('says how many limits were hit and explains each one on demand', () => {
    render(
      <LimitsChip
        limits={[MAX_LINE, { name: 'max_clients', limit: 200, unit: 'clients', hits: 1 }]}
      />,
    );
    const chip = screen.getByTestId('limits-chip');
    expect(chip.textContent).toBe('2 limits hit');
    expect(chip.getAttribute('title')).toContain(
      'max_line (--max-line 256 B): 2 times: event lines longer than this were rejected',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(chip);
    expect(chip.getAttribute('aria-expanded')).toBe('true');
    const items = screen.getAllByTestId('limit-hit').map((li) => li.textContent);
    expect(items).toEqual([
      '--max-line 256 B2 times: event lines longer than this were rejected',
      '--max-clients 200 clientsonce: browsers were refused a live connection',
    ]);
    fireEvent.keyDown(screen.getByRole('dialog', { name: 'Limits hit' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows nothing while no limit was hit', () => {
    const { container } = render(<LimitsChip limits={[]} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('TopBar', () => {
  it('offers Sign out only when the server requires a token, and warns of hit limits', () => {
    const { rerender } = render(<TopBar info={info({ auth: 'none', limits: [] })} />);
    expect(screen.queryByTestId('sign-out')).toBeNull();
    expect(screen.queryByTestId('limits-chip')).toBeNull();
    rerender(<TopBar info={info({ auth: 'token', limits: [{ ...MAX_LINE, hits: 0 }] })} />);
    const signOut = screen.getByRole('button', { name: 'Sign out' });
    const form = signOut.closest('form');
    expect(form?.getAttribute('method')).toBe('post');
    expect(form?.getAttribute('action')).toBe('/logout');
    expect(screen.queryByTestId('limits-chip')).toBeNull();
    rerender(<TopBar info={info({ limits: [MAX_LINE] })} />);
    expect(screen.getByTestId('limits-chip').textContent).toBe('1 limit hit');
  });
});

function InfoProbe({ onRebuilt }: { onRebuilt: () => void }) {
  const current = useServerInfo(onRebuilt);
  return <output data-testid="info">{JSON.stringify(current?.rebuild ?? null)}</output>;
}

describe('useServerInfo', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    useLiveStore.setState(initialLiveState());
  });

  it('polls every second while rebuilding, then asks for fresh snapshots once', async () => {
    vi.useFakeTimers();
    const answers = [
      info({ rebuild: { replayed: 50, total: 100 } }),
      info({ rebuild: { replayed: 90, total: 100 } }),
      info({ rebuild: null }),
    ];
    const fetched = vi.fn(async () => {
      const body = answers.length > 1 ? answers.shift() : answers[0];
      return new Response(JSON.stringify(body), { status: 200 });
    });
    vi.stubGlobal('fetch', fetched);
    useLiveStore.setState({ info: info({ rebuild: { replayed: 10, total: 100 } }) });
    const onRebuilt = vi.fn();
    render(<InfoProbe onRebuilt={onRebuilt} />);
    const shown = () => screen.getByTestId('info').textContent;
    expect(shown()).toBe('{"replayed":10,"total":100}');

    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(shown()).toBe('{"replayed":50,"total":100}');
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(shown()).toBe('{"replayed":90,"total":100}');
    expect(onRebuilt).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(shown()).toBe('null');
    expect(onRebuilt).toHaveBeenCalledTimes(1);
    // Then it slows down to refreshing the limits.
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(fetched).toHaveBeenCalledTimes(3);
    expect(onRebuilt).toHaveBeenCalledTimes(1);
  });
});
