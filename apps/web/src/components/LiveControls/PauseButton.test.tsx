import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { initialExplorerState, useExplorerStore } from '../../stores/explorer-store.ts';
import { PauseButton } from './PauseButton.tsx';

describe('PauseButton', () => {
  beforeEach(() => {
    useLiveStore.setState(initialLiveState());
    useExplorerStore.setState(initialExplorerState());
  });

  it('pauses, counts what waits, and resumes', () => {
    render(<PauseButton />);
    const button = screen.getByTestId('pause-button');
    expect(button.getAttribute('aria-label')).toBe('Pause live updates');
    fireEvent.click(button);
    expect(useExplorerStore.getState().paused).toBe(true);
    expect(screen.queryByTestId('held-count')).toBeNull();

    act(() => useLiveStore.setState({ held: 12 }));
    expect(screen.getByTestId('held-count').textContent).toBe('12 new');
    expect(button.getAttribute('aria-label')).toBe('Resume live updates (12 new)');
    expect(button.getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(button);
    expect(useExplorerStore.getState().paused).toBe(false);
  });
});
