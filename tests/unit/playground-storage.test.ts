import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../src/playground/client/hash';
import { MAX_BACKUPS, backupKey, createEditStore, editKey, type KeyValueStorage } from '../../src/playground/client/storage';

class MemoryStorage implements KeyValueStorage {
  map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

class BrokenStorage extends MemoryStorage {
  getItem(): string | null {
    throw new Error('SecurityError');
  }
  setItem(): void {
    throw new Error('QuotaExceededError');
  }
}

const M1 = 'apiVersion: v1\nkind: Pod\n';
const M2 = 'apiVersion: v1\nkind: Pod\n# changed\n';

describe('keys', () => {
  it('hash is stable, 8 hex digits, and differs for different manifests', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c'); // FNV-1a 32 reference value
    expect(fnv1a(M1)).toMatch(/^[0-9a-f]{8}$/);
    expect(fnv1a(M1)).not.toBe(fnv1a(M2));
  });
  it('key holds the id and the manifest hash', () => {
    expect(editKey('pg-probes-1', M1)).toBe(`k8s-notes:pg:pg-probes-1:${fnv1a(M1)}`);
    expect(backupKey('pg-probes-1', M1)).toBe(`${editKey('pg-probes-1', M1)}:backup`);
    expect(editKey('pg-probes-1', M1)).not.toBe(editKey('pg-probes-2', M1));
    expect(editKey('pg-probes-1', M1)).not.toBe(editKey('pg-probes-1', M2));
  });
});

describe('edit store', () => {
  it('saves, loads and clears an edit', () => {
    const s = createEditStore(new MemoryStorage());
    expect(s.load('pg-a', M1)).toBeNull();
    expect(s.save('pg-a', M1, 'edited')).toBe(true);
    expect(s.load('pg-a', M1)).toBe('edited');
    s.clear('pg-a', M1);
    expect(s.load('pg-a', M1)).toBeNull();
  });

  it('saving the original removes the entry', () => {
    const mem = new MemoryStorage();
    const s = createEditStore(mem);
    s.save('pg-a', M1, 'edited');
    s.save('pg-a', M1, M1);
    expect(mem.length).toBe(0);
  });

  it('does not show an edit of an older manifest as current, but finds it as stale', () => {
    const s = createEditStore(new MemoryStorage());
    s.save('pg-a', M1, 'old edit');
    s.save('pg-b', M1, 'other playground');
    s.saveBackup('pg-a', M1, 'a backup');
    expect(s.load('pg-a', M2)).toBeNull();
    expect(s.stale('pg-a', M2)).toEqual({ key: editKey('pg-a', M1), text: 'old edit' });
    expect(s.stale('pg-a', M1)).toBeNull();
    expect(s.stale('pg-c', M1)).toBeNull();
  });

  it('does not confuse ids that share a prefix', () => {
    const s = createEditStore(new MemoryStorage());
    s.save('pg-a-1', M1, 'x');
    expect(s.stale('pg-a', M2)).toBeNull();
  });

  it('keeps texts put aside apart from the edit, newest first, bounded', () => {
    const mem = new MemoryStorage();
    const s = createEditStore(mem);
    s.save('pg-a', M1, 'mine');
    s.saveBackup('pg-a', M1, 'mine');
    s.save('pg-a', M1, 'shared 1');
    s.saveBackup('pg-a', M1, 'shared 1');
    s.save('pg-a', M1, 'shared 2');
    expect(s.load('pg-a', M1)).toBe('shared 2');
    expect(s.loadBackup('pg-a', M1)).toBe('shared 1');
    s.clearBackup('pg-a', M1);
    expect(s.loadBackup('pg-a', M1)).toBe('mine');
    s.clearBackup('pg-a', M1);
    expect(s.loadBackup('pg-a', M1)).toBeNull();
    expect(mem.length).toBe(1);
    for (let i = 0; i < MAX_BACKUPS + 3; i++) s.saveBackup('pg-a', M1, `t${i}`);
    s.saveBackup('pg-a', M1, `t${MAX_BACKUPS + 2}`);
    expect(JSON.parse(mem.getItem(backupKey('pg-a', M1))!)).toHaveLength(MAX_BACKUPS);
    expect(s.loadBackup('pg-a', M1)).toBe(`t${MAX_BACKUPS + 2}`);
  });

  it('ignores a corrupt backup entry', () => {
    const mem = new MemoryStorage();
    mem.setItem(backupKey('pg-a', M1), '{not json');
    expect(createEditStore(mem).loadBackup('pg-a', M1)).toBeNull();
  });

  it('never throws when storage is missing or failing', () => {
    for (const s of [createEditStore(null), createEditStore(new BrokenStorage())]) {
      expect(s.load('pg-a', M1)).toBeNull();
      expect(s.save('pg-a', M1, 'x')).toBe(false);
      expect(s.saveBackup('pg-a', M1, 'x')).toBe(false);
      expect(s.stale('pg-a', M1)).toBeNull();
      s.clear('pg-a', M1);
      s.removeKey('x');
    }
  });
});
