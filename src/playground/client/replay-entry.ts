/**
 * First-load part of the console-block replay (`<Replay>`): a click on "在模拟集群中重现" loads
 * the replay code and the engine worker (replay.ts); nothing else runs up front.
 */
document.addEventListener('click', (e) => {
  const btn = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('.rp-btn') : null;
  const root = btn?.closest<HTMLElement>('[data-replay]');
  if (!btn || !root) return;
  void import('./replay').then((m) => m.toggleReplay(root, btn));
});
