import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { makeProcess } from '../../test/fixtures.ts';
import { groupResults } from '../../view/search-results.ts';
import { SearchResults } from './SearchResults.tsx';
import type { ServerSearch } from './useServerSearch.ts';

const retry = vi.fn();
const noop = () => {};

function show(search: ServerSearch, onChoose = noop) {
  return render(
    <SearchResults
      search={{ ...search, retry }}
      active={null}
      onChoose={onChoose}
      onHover={noop}
    />,
  );
}

describe('SearchResults', () => {
  it('lists matches by pod under their ancestors, and opens the one chosen', () => {
    const bash = makeProcess({ execId: 'bash', binary: '/bin/bash', group: 'pod/default/web' });
    const curl = makeProcess({
      execId: 'curl',
      parentExecId: 'bash',
      binary: '/usr/bin/curl',
      arguments: 'http://x <img src=x>',
      group: 'pod/default/web',
    });
    const onChoose = vi.fn();
    show(
      {
        status: 'ready',
        answer: { pods: groupResults([curl], [bash]), shown: 1, total: 1, truncated: false },
      },
      onChoose,
    );
    expect(screen.getByRole('status').textContent).toContain('1 match in 1 pod');
    expect(screen.getByRole('region', { name: 'default / web' })).toBeTruthy();
    expect(screen.getByTestId('search-result-ancestor').textContent).toContain('bash');
    const hit = screen.getByTestId('search-result');
    expect(hit.textContent).toContain('http://x <img src=x>');
    expect(document.querySelector('img')).toBeNull();
    fireEvent.click(hit);
    expect(onChoose).toHaveBeenCalledWith(curl);
  });

  it('says when only the first matches were sent', () => {
    const p = makeProcess({ execId: 'a', group: 'pod/default/web' });
    show({
      status: 'ready',
      answer: { pods: groupResults([p], []), shown: 1, total: 900, truncated: true },
    });
    expect(screen.getByRole('status').textContent).toContain('first 1 of 900');
  });

  it('has designed empty, loading and failed states', () => {
    const { unmount } = show({
      status: 'ready',
      answer: { pods: [], shown: 0, total: 0, truncated: false },
    });
    expect(screen.getByTestId('search-no-results').textContent).toContain('No process');
    unmount();

    const loading = show({ status: 'loading', stale: null });
    expect(screen.getByRole('status').textContent).toContain('Searching all pods');
    loading.unmount();

    show({ status: 'error', message: '503 Service Unavailable' });
    expect(screen.getByRole('alert').textContent).toContain('Search failed.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
