/** Polls `condition` every 5 ms until it holds; fails after 5 s, naming the condition. */
export async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met in time: ${String(condition)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
