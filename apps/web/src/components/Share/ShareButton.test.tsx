import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { ShareButton } from './ShareButton.tsx';

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
}

describe('ShareButton', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('copies the address of this view and confirms', async () => {
    window.history.replaceState(null, '', '/?ns=default&pod=xwing&view=split&q=curl');
    const writeText = vi.fn(() => Promise.resolve());
    stubClipboard(writeText);
    render(<ShareButton />);
    fireEvent.click(screen.getByTestId('share-button'));
    expect(await screen.findByText('Copied')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(window.location.href);
    expect(screen.getByRole('status').textContent).toBe('Link copied to the clipboard');
  });

  it('shows the link to copy by hand when the clipboard is refused', async () => {
    stubClipboard(() => Promise.reject(new Error('denied')));
    render(<ShareButton />);
    fireEvent.click(screen.getByTestId('share-button'));
    const input = await screen.findByRole('textbox', { name: 'Link to this view' });
    expect((input as HTMLInputElement).value).toBe(window.location.href);
  });
});
