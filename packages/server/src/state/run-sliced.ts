/** Runs a step generator (see `accountScorecardSteps`) to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a step generator in slices of about `sliceMs`, letting the event loop run between them
 * (`pause`): requests keep being answered while a long computation goes on, and short ones
 * still finish without a single pause. A slice ends after the step that crosses the budget, so
 * no step may itself be long.
 */
export async function runSliced<T>(
  steps: Generator<void, T>,
  options: { sliceMs?: number; pause?: () => Promise<void>; clock?: () => number } = {},
): Promise<T> {
  const { sliceMs = 10, pause = yieldToLoop, clock = () => performance.now() } = options;
  let start = clock();
  let step = steps.next();
  while (!step.done) {
    if (clock() - start >= sliceMs) {
      await pause();
      start = clock();
    }
    step = steps.next();
  }
  return step.value;
}
