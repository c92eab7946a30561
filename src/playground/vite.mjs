// Vite settings the playground needs (workers, Monaco). Filled in by the playground work.
export function playgroundVite() {
  return {
    worker: { format: 'es' },
  };
}
