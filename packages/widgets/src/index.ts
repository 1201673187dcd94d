export function mount(): { unmount(): void } {
  return { unmount() {} };
}
