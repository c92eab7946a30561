/**
 * Entry of the playground client (the only script a chapter loads up front): finds the page's
 * playgrounds, wires "open in playground" links, and applies share links from the URL fragment.
 */
import { el } from './dom';
import { initLabs } from './lab';
import { Playground } from './playground';
import { browserStorage, createEditStore } from './storage';

const playgrounds = new Map<string, Playground>();

/** A page-level message (a share link for a playground that is not on this page). */
function pageMessage(text: string): void {
  document.querySelector('.pg-toast')?.remove();
  const close = el('button', { type: 'button', class: 'pg-notice-close', 'aria-label': '关闭提示' }, '×');
  const toast = el('div', { class: 'pg-toast', role: 'alert' }, [el('p', {}, text), close]);
  close.addEventListener('click', () => toast.remove());
  document.body.append(toast);
}

/** Apply `#pg=<id>&v1=…&t=…`; other fragments (heading anchors) are left alone. */
async function applyShareFragment(hash: string): Promise<void> {
  if (!hash.startsWith('#pg=')) return;
  const { decodeShare } = await import('./share-codec');
  const shared = decodeShare(hash);
  if (!shared) return;
  const pg = shared.id ? playgrounds.get(shared.id) : undefined;
  // The fragment has done its job: leave a plain anchor so a reload shows the autosaved text.
  const anchor = pg ? `#${pg.id}` : '';
  history.replaceState(history.state, '', `${location.pathname}${location.search}${anchor}`);
  if (!pg) {
    pageMessage(shared.ok || shared.id ? `分享链接指向的 Playground「${shared.id}」不在本页（可能链接有误，或章节已调整）。` : shared.message);
    return;
  }
  pg.reveal();
  if (!shared.ok) {
    pg.loadExternal(pg.manifest, `${shared.message}已显示本例的原始清单。`, { save: false });
    return;
  }
  pg.loadExternal(shared.text, '已打开分享链接中的 YAML（已保存在本机）。', { save: true });
  await pg.run(shared.t !== undefined ? { atSec: shared.t } : {});
}

/** `<OpenInPlayground>` links: load that manifest into the target playground, show it, run it. */
function wireOpenLinks(): void {
  document.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-pg-open]') : null;
    if (!link) return;
    const pg = playgrounds.get(link.dataset.pgOpen ?? '');
    if (!pg) return; // the plain anchor still scrolls
    e.preventDefault();
    const text = link.dataset.manifest ?? '';
    if (text === pg.getText()) pg.notice(null);
    else if (text === pg.manifest) pg.reset();
    else pg.loadExternal(text, '已载入笔记中的这段 YAML。', { save: false });
    pg.reveal();
    void pg.run();
  });
}

function init(): void {
  initLabs();
  const store = createEditStore(browserStorage());
  for (const root of document.querySelectorAll<HTMLElement>('[data-playground]')) {
    if (!root.id || playgrounds.has(root.id)) continue;
    try {
      playgrounds.set(root.id, new Playground(root, store));
    } catch (e) {
      console.error(e);
    }
  }
  wireOpenLinks();
  addEventListener('pagehide', () => playgrounds.forEach((p) => p.flush()));
  void applyShareFragment(location.hash);
  addEventListener('hashchange', () => void applyShareFragment(location.hash));
}

init();
