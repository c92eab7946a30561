/**
 * The reader's edits, kept in localStorage per playground. The key holds the playground id and a
 * hash of the chapter's original manifest, so when a chapter's manifest changes, edits made to
 * the old one are not shown silently as if they belonged to the new one.
 */
import { fnv1a } from './hash';

const PREFIX = 'k8s-notes:pg:';
export const MAX_BACKUPS = 5;

/** The part of the Web Storage API this module uses (injectable for tests). */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function editKey(id: string, manifest: string): string {
  return `${PREFIX}${id}:${fnv1a(manifest)}`;
}

/** Where an edit is put aside when a shared link replaces the text (so both are kept). */
export function backupKey(id: string, manifest: string): string {
  return `${editKey(id, manifest)}:backup`;
}

export interface EditStore {
  /** The saved edit for this playground and this version of its manifest, if any. */
  load(id: string, manifest: string): string | null;
  /** Save the text; saving the original itself removes the entry. Returns false if storage failed. */
  save(id: string, manifest: string, text: string): boolean;
  clear(id: string, manifest: string): void;
  /** The newest text put aside (a reader's edit replaced by a shared or opened text). */
  loadBackup(id: string, manifest: string): string | null;
  /** Put a text aside; up to MAX_BACKUPS are kept, newest last, without duplicates. */
  saveBackup(id: string, manifest: string, text: string): boolean;
  /** Drop the newest text put aside (after it was restored or discarded). */
  clearBackup(id: string, manifest: string): void;
  /** An edit saved against an older version of this playground's manifest, if one is kept. */
  stale(id: string, manifest: string): { key: string; text: string } | null;
  removeKey(key: string): void;
}

/** A store over `storage`; every call is safe when storage is missing, full or forbidden. */
export function createEditStore(storage: KeyValueStorage | null): EditStore {
  const get = (key: string): string | null => {
    try {
      return storage ? storage.getItem(key) : null;
    } catch {
      return null;
    }
  };
  const set = (key: string, value: string): boolean => {
    try {
      if (!storage) return false;
      storage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  };
  const remove = (key: string): void => {
    try {
      storage?.removeItem(key);
    } catch {
      /* storage unavailable: nothing to remove */
    }
  };
  const backups = (id: string, manifest: string): string[] => {
    const raw = get(backupKey(id, manifest));
    if (raw === null) return [];
    try {
      const list: unknown = JSON.parse(raw);
      return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    load: (id, manifest) => get(editKey(id, manifest)),
    save(id, manifest, text) {
      if (text === manifest) {
        remove(editKey(id, manifest));
        return true;
      }
      return set(editKey(id, manifest), text);
    },
    clear: (id, manifest) => remove(editKey(id, manifest)),
    loadBackup: (id, manifest) => backups(id, manifest).at(-1) ?? null,
    saveBackup(id, manifest, text) {
      const list = backups(id, manifest).filter((t) => t !== text);
      list.push(text);
      return set(backupKey(id, manifest), JSON.stringify(list.slice(-MAX_BACKUPS)));
    },
    clearBackup(id, manifest) {
      const list = backups(id, manifest).slice(0, -1);
      if (list.length) set(backupKey(id, manifest), JSON.stringify(list));
      else remove(backupKey(id, manifest));
    },
    stale(id, manifest) {
      const current = editKey(id, manifest);
      const mine = `${PREFIX}${id}:`;
      try {
        if (!storage) return null;
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (!key || !key.startsWith(mine) || key === current || key.endsWith(':backup')) continue;
          // The rest of the key must be exactly one hash (ids never contain ':').
          if (!/^[0-9a-f]{8}$/.test(key.slice(mine.length))) continue;
          const text = storage.getItem(key);
          if (text !== null) return { key, text };
        }
      } catch {
        return null;
      }
      return null;
    },
    removeKey: remove,
  };
}

/** The page's localStorage, or null when the browser forbids it. */
export function browserStorage(): KeyValueStorage | null {
  try {
    const s = globalThis.localStorage;
    const probe = `${PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}
