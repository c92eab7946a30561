/**
 * A lab: several playgrounds (the variants of one experiment) shown one at a time behind a row
 * of tabs. Each variant stays a full playground (its own text, autosave, share link); a tab
 * switches with one click and runs the variant when the reader has already run another one.
 * Without JavaScript every variant is shown, one after the other.
 */
import { el } from './dom';

export function initLabs(doc: Document = document): void {
  for (const lab of doc.querySelectorAll<HTMLElement>('[data-pg-lab]')) initLab(lab);
}

function initLab(lab: HTMLElement): void {
  const variants = [...lab.querySelectorAll<HTMLElement>(':scope > [data-playground]')];
  if (variants.length < 2 || lab.querySelector(':scope > .pg-lab-tabs')) return;
  const tabs = variants.map((pg, i) => {
    const tab = el(
      'button',
      { type: 'button', role: 'tab', class: 'pg-lab-tab', id: `${pg.id}-tab`, 'aria-controls': pg.id, 'data-pg-variant-tab': pg.id },
      pg.dataset.pgVariant || `变体 ${i + 1}`,
    );
    pg.setAttribute('role', 'tabpanel');
    pg.setAttribute('aria-labelledby', `${pg.id}-tab`);
    tab.addEventListener('click', () => select(pg, true));
    tab.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      e.preventDefault();
      const next = tabs[(i + d + tabs.length) % tabs.length];
      next.focus();
      next.click();
    });
    return tab;
  });
  const list = el('div', { class: 'pg-lab-tabs', role: 'tablist', 'aria-label': lab.dataset.pgLabLabel || '实验的变体' }, tabs);
  lab.prepend(list);

  function select(pg: HTMLElement, byClick: boolean): void {
    const ranBefore = variants.some((v) => v.dataset.pgRuns);
    variants.forEach((v, i) => {
      const on = v === pg;
      v.hidden = !on;
      tabs[i].setAttribute('aria-selected', on ? 'true' : 'false');
      tabs[i].tabIndex = on ? 0 : -1;
    });
    lab.dataset.pgSelected = pg.id;
    // One click switches and shows the variant's run, once the reader has run the lab.
    if (byClick && ranBefore && !pg.dataset.pgRuns && pg.dataset.pgState !== 'running') {
      pg.querySelector<HTMLButtonElement>('[data-pg-act="run"]')?.click();
    }
  }

  const fromHash = () => {
    const h = location.hash;
    const id = h.startsWith('#pg=') ? decodeURIComponent(h.slice(4).split('&')[0]) : decodeURIComponent(h.slice(1));
    return variants.find((v) => v.id === id);
  };
  select(fromHash() ?? variants[0], false);
  // A share link or an "open in playground" link brings a variant into view: show its tab.
  lab.addEventListener('pg-reveal', (e) => {
    const pg = variants.find((v) => v === e.target);
    if (pg && pg.hidden) select(pg, false);
  });
}
